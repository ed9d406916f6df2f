import "server-only";
/**
 * 0003 — "my last run": per user and task, the non-secret parameter values of the user's last start through the
 * console (the task page prefills them with the badge "my last run"). Landed: never edit; add a new file instead.
 */
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("user_task_params")
    .addColumn("user_id", "varchar(36)", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("task_id", "varchar(64)", (c) => c.notNull())
    // JSON: [{ key, type, value }] — never an `encrypt` row.
    .addColumn("params", "text", (c) => c.notNull())
    .addColumn("record_id", "varchar(64)")
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addPrimaryKeyConstraint("user_task_params_pk", ["user_id", "task_id"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("user_task_params").execute();
}
