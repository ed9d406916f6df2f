// GET /api/admin/protected-apps – apps whose start and rollback need the typed name and a reason; POST – protect one
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { listProtectedApps, protectApp } from "@/lib/server/db/protected-apps";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/admin/protected-apps"], () => listProtectedApps(db()));

export const POST = route(consoleApi["POST /api/admin/protected-apps"], async ({ body, user, requestId }) => {
  const app = await protectApp(db(), body, user.email);
  log.info("app protected", { requestId, by: user.email, taskId: app.taskId, appName: app.appName });
  return app;
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
