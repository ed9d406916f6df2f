// GET /api/admin/teams – teams with their OIDC group and member count; POST – create a team (admins only)
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { createTeam, getTeam, listTeams } from "@/lib/server/db/teams";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { ApiError } from "@/lib/server/errors";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/admin/teams"], () => listTeams(db()));

export const POST = route(consoleApi["POST /api/admin/teams"], async ({ body, user, requestId }) => {
  const team = await createTeam(db(), { name: body.name, oidcGroup: body.oidcGroup ?? null });
  log.info("team created", { requestId, by: user.email, teamId: team.id, name: team.name, oidcGroup: team.oidc_group });
  const answer = await getTeam(db(), team.id);
  if (!answer) throw new ApiError("not_found", `Team ${team.name} was deleted again before it could be shown.`);
  return answer;
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
