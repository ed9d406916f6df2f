// DELETE /api/admin/protected-apps/[taskId] – lift the protection
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { unprotectApp } from "@/lib/server/db/protected-apps";
import { ApiError } from "@/lib/server/errors";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const DELETE = route(consoleApi["DELETE /api/admin/protected-apps/:taskId"], async ({ params, user, requestId }) => {
  if (!(await unprotectApp(db(), params.taskId))) throw new ApiError("not_found", `The app of task ${params.taskId} is not protected.`);
  log.info("app unprotected", { requestId, by: user.email, taskId: params.taskId });
  return null;
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
