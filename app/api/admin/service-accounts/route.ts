// POST /api/admin/service-accounts – a service account: a non-human user (no password, no sign-in) that acts
// through its API tokens; teams and roles as for any user (PATCH /api/admin/users/{id})
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { getAdminUser } from "@/lib/server/db/users";
import { adminOf } from "@/lib/server/deploy/freeze";
import { ApiError } from "@/lib/server/errors";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";
import { createServiceAccount } from "@/lib/server/tokens/service";

export const POST = route(consoleApi["POST /api/admin/service-accounts"], async ({ req, body, user, requestId }) => {
  const created = await createServiceAccount(db(), adminOf(user, req.headers, requestId), body);
  log.info("service account created", { requestId, by: user.email, userId: created.id, email: created.email });
  const answer = await getAdminUser(db(), created.id);
  if (!answer) throw new ApiError("not_found", `Service account ${created.email} was deleted again before it could be shown.`);
  return answer;
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
