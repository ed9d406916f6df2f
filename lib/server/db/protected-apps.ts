import "server-only";
/** Protected apps: starting or rolling back needs the typed app name and a reason. Keyed by task id. */
import type { NewProtectedAppBody, ProtectedApp } from "../../schemas/admin";
import { conflictError } from "../errors";
import { isUniqueViolation } from "./errors";
import type { Db, ProtectedAppRow } from "./schema";

const toProtectedApp = (r: ProtectedAppRow): ProtectedApp => ({
  appId: r.app_id,
  taskId: r.task_id,
  appName: r.app_name,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export async function listProtectedApps(db: Db): Promise<ProtectedApp[]> {
  return (await db.selectFrom("protected_apps").selectAll().orderBy("app_name").execute()).map(toProtectedApp);
}

export async function findProtectedApp(db: Db, taskId: string): Promise<ProtectedApp | undefined> {
  const r = await db.selectFrom("protected_apps").selectAll().where("task_id", "=", taskId).executeTakeFirst();
  return r ? toProtectedApp(r) : undefined;
}

/** The names of the protected apps among these tasks (one read for a whole list), by task id. */
export async function protectedNames(db: Db, taskIds: readonly string[]): Promise<Map<string, string>> {
  if (taskIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("protected_apps")
    .select(["task_id", "app_name"])
    .where("task_id", "in", [...new Set(taskIds)])
    .execute();
  return new Map(rows.map((r) => [r.task_id, r.app_name]));
}

export async function protectApp(db: Db, p: NewProtectedAppBody, createdBy: string): Promise<ProtectedApp> {
  const row: ProtectedAppRow = { task_id: p.taskId, app_id: p.appId, app_name: p.appName, created_by: createdBy, created_at: new Date().toISOString() };
  try {
    await db.insertInto("protected_apps").values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw conflictError("already_protected", { app: p.appName }, `${p.appName} is already protected.`);
    throw err;
  }
  return toProtectedApp(row);
}

export async function unprotectApp(db: Db, taskId: string): Promise<boolean> {
  const r = await db.deleteFrom("protected_apps").where("task_id", "=", taskId).executeTakeFirst();
  return r.numDeletedRows > 0n;
}
