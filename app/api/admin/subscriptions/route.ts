// GET /api/admin/subscriptions – which events go to which channels, for which apps; POST – route more
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { adminOf } from "@/lib/server/deploy/freeze";
import { otherMethods } from "@/lib/server/methods";
import { createSubscription, listSubscriptions } from "@/lib/server/notify/admin";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/admin/subscriptions"], () => listSubscriptions(db()));

export const POST = route(consoleApi["POST /api/admin/subscriptions"], ({ req, body, user, requestId }) =>
  createSubscription(db(), adminOf(user, req.headers, requestId), body, new Date()),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
