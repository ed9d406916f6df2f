// DELETE /api/tokens/[id] – revoke an API token (one's own; admins: any)
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { adminOf } from "@/lib/server/deploy/freeze";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";
import { revokeApiToken } from "@/lib/server/tokens/service";

export const DELETE = route(consoleApi["DELETE /api/tokens/:id"], async ({ req, params, user, requestId }) => {
  await revokeApiToken(db(), user, adminOf(user, req.headers, requestId), params.id);
  log.info("api token revoked", { requestId, by: user.email, tokenId: params.id });
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
