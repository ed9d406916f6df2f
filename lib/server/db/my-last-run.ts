import "server-only";
/**
 * "My last run": per user and task, the non-secret parameter values of the user's last start through the
 * console. `encrypt` rows are never stored (not even as fingerprints): the form asks for them again.
 */
import type { MyLastRun } from "../../schemas/tasks";
import type { ParamRow } from "../../schemas/deploy";
import { sql } from "kysely";
import type { Db } from "./schema";

/**
 * Runs in the start's outcome transaction (`db` may be that transaction). Selected from `users` rather than
 * inserted as values: a user deleted meanwhile leaves nothing to remember, where a foreign-key violation would
 * abort the whole transaction — the started outcome with it — on PostgreSQL.
 */
export async function rememberMyRun(db: Db, run: { userId: string; taskId: string; params: readonly ParamRow[]; recordId: string | null }) {
  const params = JSON.stringify(run.params.filter((p) => p.type !== "encrypt").map(({ key, type, value }) => ({ key, type, value })));
  const updatedAt = new Date().toISOString();
  await db
    .insertInto("user_task_params")
    .columns(["user_id", "task_id", "params", "record_id", "updated_at"])
    .expression((eb) =>
      eb
        .selectFrom("users")
        .select([
          "id as user_id",
          sql<string>`cast(${run.taskId} as varchar(64))`.as("task_id"),
          sql<string>`cast(${params} as text)`.as("params"),
          sql<string | null>`cast(${run.recordId} as varchar(64))`.as("record_id"),
          sql<string>`cast(${updatedAt} as varchar(32))`.as("updated_at"),
        ])
        .where("id", "=", run.userId),
    )
    .onConflict((oc) => oc.columns(["user_id", "task_id"]).doUpdateSet({ params, record_id: run.recordId, updated_at: updatedAt }))
    .execute();
}

export async function myLastRun(db: Db, userId: string, taskId: string): Promise<MyLastRun | null> {
  const r = await db.selectFrom("user_task_params").selectAll().where("user_id", "=", userId).where("task_id", "=", taskId).executeTakeFirst();
  if (!r) return null;
  try {
    const params: unknown = JSON.parse(r.params);
    if (!Array.isArray(params)) return null;
    return { params: params as MyLastRun["params"], recordId: r.record_id, at: r.updated_at };
  } catch {
    return null;
  }
}
