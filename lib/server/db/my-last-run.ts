import "server-only";
/**
 * "My last run": per user and task, the non-secret parameter values of the user's last start through the
 * console. `encrypt` rows are never stored (not even as fingerprints): the form asks for them again.
 */
import type { MyLastRun } from "../../schemas/tasks";
import type { ParamRow } from "../../schemas/deploy";
import type { Db } from "./schema";

export async function rememberMyRun(db: Db, run: { userId: string; taskId: string; params: readonly ParamRow[]; recordId: string | null }) {
  const values = {
    user_id: run.userId,
    task_id: run.taskId,
    params: JSON.stringify(run.params.filter((p) => p.type !== "encrypt").map(({ key, type, value }) => ({ key, type, value }))),
    record_id: run.recordId,
    updated_at: new Date().toISOString(),
  };
  await db
    .insertInto("user_task_params")
    .values(values)
    .onConflict((oc) => oc.columns(["user_id", "task_id"]).doUpdateSet({ params: values.params, record_id: values.record_id, updated_at: values.updated_at }))
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
