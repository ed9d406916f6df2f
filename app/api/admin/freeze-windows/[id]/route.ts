// PUT /api/admin/freeze-windows/[id] – replace a window's definition; DELETE – delete it
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { adminOf, deleteFreezeWindow, updateFreezeWindow } from "@/lib/server/deploy/freeze";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const PUT = route(consoleApi["PUT /api/admin/freeze-windows/:id"], async ({ req, params, body, user, requestId }) => {
  const window = await updateFreezeWindow(db(), adminOf(user, req.headers, requestId), params.id, body, new Date());
  log.info("freeze window changed", { requestId, by: user.email, windowId: window.id });
  return window;
});

export const DELETE = route(consoleApi["DELETE /api/admin/freeze-windows/:id"], async ({ req, params, user, requestId }) => {
  await deleteFreezeWindow(db(), adminOf(user, req.headers, requestId), params.id, new Date());
  log.info("freeze window deleted", { requestId, by: user.email, windowId: params.id });
  return null;
});

export const { GET, POST, PATCH, OPTIONS } = otherMethods({ PUT, DELETE });
