// GET /api/admin/grants – every grant (team × app or "*" × role); POST – add one (admins only)
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { createGrant, listGrants } from "@/lib/server/db/grants";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/admin/grants"], () => listGrants(db()));

export const POST = route(consoleApi["POST /api/admin/grants"], async ({ body, user, requestId }) => {
  const grant = await createGrant(db(), body);
  log.info("grant added", { requestId, by: user.email, grantId: grant.id, teamId: grant.teamId, appId: grant.appId, role: grant.role });
  return grant;
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
