// GET /api/admin/channels – the notification channels (credentials masked); POST – add one
import { channelBodySchema } from "@/lib/schemas/notify";
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { adminOf } from "@/lib/server/deploy/freeze";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { createChannel, listChannels } from "@/lib/server/notify/admin";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/admin/channels"], () => listChannels(db()));

export const POST = route(consoleApi["POST /api/admin/channels"], async ({ req, body, user, requestId }) => {
  // Against Huawei Cloud the console runs where a plain-http bot URL would expose its credential on the wire.
  const checked = env().mode === "cloud" ? channelBodySchema(true).parse(body) : body;
  const channel = await createChannel(db(), adminOf(user, req.headers, requestId), checked, new Date());
  log.info("notification channel created", { requestId, by: user.email, channelId: channel.id, kind: channel.kind });
  return channel;
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
