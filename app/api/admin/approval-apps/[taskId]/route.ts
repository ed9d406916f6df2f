// DELETE /api/admin/approval-apps/[taskId] – starts of the app no longer need an approval
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { unrequireApproval } from "@/lib/server/db/approval-apps";
import { ApiError } from "@/lib/server/errors";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const DELETE = route(consoleApi["DELETE /api/admin/approval-apps/:taskId"], async ({ params, user, requestId }) => {
  if (!(await unrequireApproval(db(), params.taskId))) throw new ApiError("not_found", `The app of task ${params.taskId} does not require an approval.`);
  log.info("approval no longer required", { requestId, by: user.email, taskId: params.taskId });
  return null;
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
