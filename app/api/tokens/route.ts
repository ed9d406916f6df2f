// GET /api/tokens – the caller's API tokens (scope=all: every token, admins); POST – create one (the secret is in
// this answer only)
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { adminOf } from "@/lib/server/deploy/freeze";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";
import { createApiToken, listApiTokens } from "@/lib/server/tokens/service";

export const GET = route(consoleApi["GET /api/tokens"], ({ query, user }) => listApiTokens(db(), user, query.scope));

export const POST = route(consoleApi["POST /api/tokens"], async ({ req, body, user, requestId }) => {
  const created = await createApiToken(db(), user, adminOf(user, req.headers, requestId), body);
  log.info("api token created", { requestId, by: user.email, tokenId: created.token.id, owner: created.token.owner.email, role: created.token.role });
  return created;
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
