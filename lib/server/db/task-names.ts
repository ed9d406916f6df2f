import "server-only";
/**
 * Each task's app (id and name) as the console last saw it, so ledger rows and refusals can name the app without
 * asking the cloud: the task page's last view, else a protection, else a grant.
 */
import type { Db } from "./schema";

export interface AppRef {
  appId: string | null;
  appName: string | null;
}

/** `known`: the task's protection when the caller has read it already (the route wrapper has). */
export async function appOfTask(db: Db, taskId: string, known?: AppRef | null): Promise<AppRef> {
  const seen = await db.selectFrom("task_names").select(["app_id", "app_name"]).where("task_id", "=", taskId).executeTakeFirst();
  if (seen) return { appId: seen.app_id, appName: seen.app_name };
  if (known) return known;
  if (known === undefined) {
    const prot = await db.selectFrom("protected_apps").select(["app_id", "app_name"]).where("task_id", "=", taskId).executeTakeFirst();
    if (prot) return { appId: prot.app_id, appName: prot.app_name };
  }
  const grant = await db.selectFrom("grants").select(["app_id", "app_name"]).where("task_id", "=", taskId).orderBy("app_name", "desc").executeTakeFirst();
  return { appId: grant?.app_id ?? null, appName: grant?.app_name ?? null };
}

/** Remembers a task's app (the task page calls this); cheap upsert, last writer wins. */
export async function rememberTask(db: Db, t: { taskId: string; appId: string | null; name: string }): Promise<void> {
  const values = { app_id: t.appId, app_name: t.name.slice(0, 255), updated_at: new Date().toISOString() };
  await db
    .insertInto("task_names")
    .values({ task_id: t.taskId, ...values })
    .onConflict((oc) => oc.column("task_id").doUpdateSet(values))
    .execute();
}
