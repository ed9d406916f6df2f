// GET /api/admin/grants – every grant (team × app or "*" × role); POST – add one (admins only)
import { z } from "zod";
import { newGrantBodySchema, adminGrantSchema } from "@/lib/schemas/admin";
import { db } from "@/lib/server/db";
import { createGrant, listGrants } from "@/lib/server/db/grants";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route({ permission: "admin", response: z.array(adminGrantSchema) }, () => listGrants(db()));

export const POST = route({ permission: "admin", body: newGrantBodySchema, response: adminGrantSchema, status: 201 }, async ({ body, user, requestId }) => {
  const grant = await createGrant(db(), body);
  log.info("grant added", { requestId, by: user.email, grantId: grant.id, teamId: grant.teamId, appId: grant.appId, role: grant.role });
  return grant;
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
