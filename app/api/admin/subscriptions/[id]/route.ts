// DELETE /api/admin/subscriptions/[id] – stop routing those events to that channel
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { adminOf } from "@/lib/server/deploy/freeze";
import { otherMethods } from "@/lib/server/methods";
import { deleteSubscription } from "@/lib/server/notify/admin";
import { route } from "@/lib/server/route";

export const DELETE = route(consoleApi["DELETE /api/admin/subscriptions/:id"], async ({ req, params, user, requestId }) => {
  await deleteSubscription(db(), adminOf(user, req.headers, requestId), params.id, new Date());
  return null;
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
