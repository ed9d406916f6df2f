// DELETE /api/admin/grants/[id] – remove a grant (takes effect on the members' next request)
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { deleteGrant } from "@/lib/server/db/grants";
import { ApiError } from "@/lib/server/errors";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const DELETE = route(consoleApi["DELETE /api/admin/grants/:id"], async ({ params, user, requestId }) => {
  if (!(await deleteGrant(db(), params.id))) throw new ApiError("not_found", `There is no grant with the id ${params.id}.`);
  log.info("grant removed", { requestId, by: user.email, grantId: params.id });
  return null;
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
