// GET /api/admin/freeze-windows – the freeze windows with their next occurrences; POST – define one
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { adminOf, createFreezeWindow, listFreezeWindows } from "@/lib/server/deploy/freeze";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/admin/freeze-windows"], () => listFreezeWindows(db(), Date.now()));

export const POST = route(consoleApi["POST /api/admin/freeze-windows"], async ({ req, body, user, requestId }) => {
  const window = await createFreezeWindow(db(), adminOf(user, req.headers, requestId), body, new Date());
  log.info("freeze window created", { requestId, by: user.email, windowId: window.id });
  return window;
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
