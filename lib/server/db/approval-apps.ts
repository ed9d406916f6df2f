import "server-only";
/** Apps whose starts need a two-person approval (an admin setting, like protected apps). Keyed by task id. */
import type { ApprovalApp, NewApprovalAppBody } from "../../schemas/approvals";
import { conflictError } from "../errors";
import { isUniqueViolation } from "./errors";
import type { Db } from "./schema";
import type { ApprovalAppsTable } from "./schema-ledger";

const toApprovalApp = (r: ApprovalAppsTable): ApprovalApp => ({ appId: r.app_id, taskId: r.task_id, appName: r.app_name, setBy: r.set_by, setAt: r.set_at });

export async function listApprovalApps(db: Db): Promise<ApprovalApp[]> {
  return (await db.selectFrom("approval_apps").selectAll().orderBy("app_name").execute()).map(toApprovalApp);
}

export async function requiresApproval(db: Db, taskId: string): Promise<boolean> {
  return (await db.selectFrom("approval_apps").select("task_id").where("task_id", "=", taskId).executeTakeFirst()) !== undefined;
}

export async function requireApproval(db: Db, body: NewApprovalAppBody, setBy: string): Promise<ApprovalApp> {
  const row: ApprovalAppsTable = { task_id: body.taskId, app_id: body.appId, app_name: body.appName, set_by: setBy, set_at: new Date().toISOString() };
  try {
    await db.insertInto("approval_apps").values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw conflictError("approval_already_required", { app: body.appName }, `${body.appName} already requires an approval.`);
    throw err;
  }
  return toApprovalApp(row);
}

export async function unrequireApproval(db: Db, taskId: string): Promise<boolean> {
  const r = await db.deleteFrom("approval_apps").where("task_id", "=", taskId).executeTakeFirst();
  return r.numDeletedRows > 0n;
}
