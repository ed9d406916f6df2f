import "server-only";
/**
 * 0004 — facts about a record the cloud does not keep (or keeps only for a while):
 * - `ledger.job_name`: the `job_name` of the start answer, on the `started` row (the cloud names the job only there).
 * - `record_results`: the AOM mapping a record produced, captured the first time the console sees the record
 *   finished while it is still the task's latest (the mapping's state follows the task's latest record, so a later
 *   run overwrites it upstream). `components` null: a later record existed by then; nothing could be captured.
 * Landed: never edit; add a new file instead.
 */
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("ledger").addColumn("job_name", "varchar(128)").execute();
  await db.schema
    .createTable("record_results")
    .addColumn("record_id", "varchar(64)", (c) => c.primaryKey())
    .addColumn("task_id", "varchar(64)", (c) => c.notNull())
    .addColumn("state", "varchar(32)", (c) => c.notNull())
    // JSON: AomComponent[] as the task reported it right after the record finished; null when not capturable.
    .addColumn("components", "text")
    .addColumn("captured_at", "varchar(32)", (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("record_results").execute();
  await db.schema.alterTable("ledger").dropColumn("job_name").execute();
}
