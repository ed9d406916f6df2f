// GET /api/admin/approval-apps – apps whose starts need a second person's approval; POST – require it for one
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { listApprovalApps, requireApproval } from "@/lib/server/db/approval-apps";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/admin/approval-apps"], () => listApprovalApps(db()));

export const POST = route(consoleApi["POST /api/admin/approval-apps"], async ({ body, user, requestId }) => {
  const app = await requireApproval(db(), body, user.email);
  log.info("approval required", { requestId, by: user.email, taskId: app.taskId, appName: app.appName });
  return app;
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
