// POST /api/admin/channels/[id]/test – send a test message now and answer what the receiver said
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { adminOf } from "@/lib/server/deploy/freeze";
import { env } from "@/lib/server/env";
import { otherMethods } from "@/lib/server/methods";
import { testChannel } from "@/lib/server/notify/admin";
import { sendSettings } from "@/lib/server/notify/wiring";
import { route } from "@/lib/server/route";

export const POST = route(consoleApi["POST /api/admin/channels/:id/test"], ({ req, params, user, requestId }) =>
  testChannel(db(), adminOf(user, req.headers, requestId), params.id, sendSettings(), env().notify.publicUrl),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
