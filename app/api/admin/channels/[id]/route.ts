// PATCH /api/admin/channels/[id] – rename, change the language, turn on or off; DELETE – delete it with its subscriptions and deliveries
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { adminOf } from "@/lib/server/deploy/freeze";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { deleteChannel, updateChannel } from "@/lib/server/notify/admin";
import { route } from "@/lib/server/route";

export const PATCH = route(consoleApi["PATCH /api/admin/channels/:id"], async ({ req, params, body, user, requestId }) => {
  const channel = await updateChannel(db(), adminOf(user, req.headers, requestId), params.id, body, new Date());
  log.info("notification channel changed", { requestId, by: user.email, channelId: params.id });
  return channel;
});

export const DELETE = route(consoleApi["DELETE /api/admin/channels/:id"], async ({ req, params, user, requestId }) => {
  await deleteChannel(db(), adminOf(user, req.headers, requestId), params.id, new Date());
  log.info("notification channel deleted", { requestId, by: user.email, channelId: params.id });
  return null;
});

export const { GET, POST, PUT, OPTIONS } = otherMethods({ PATCH, DELETE });
