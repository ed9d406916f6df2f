// POST /api/admin/deliveries/[id]/retry – retry a waiting or dead-lettered delivery now
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { adminOf } from "@/lib/server/deploy/freeze";
import { otherMethods } from "@/lib/server/methods";
import { retryDelivery } from "@/lib/server/notify/admin";
import { route } from "@/lib/server/route";

export const POST = route(consoleApi["POST /api/admin/deliveries/:id/retry"], async ({ req, params, user, requestId }) => {
  await retryDelivery(db(), adminOf(user, req.headers, requestId), params.id, new Date());
  return null;
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
