// PATCH /api/admin/teams/[id] – rename, set or clear the OIDC group; DELETE – remove with its grants and memberships
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { deleteTeam, getTeam, updateTeam } from "@/lib/server/db/teams";
import { ApiError } from "@/lib/server/errors";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

const noSuchTeam = (id: string) => new ApiError("not_found", `There is no team with the id ${id}.`);

export const PATCH = route(consoleApi["PATCH /api/admin/teams/:id"], async ({ params, body, user, requestId }) => {
  if (!(await updateTeam(db(), params.id, body))) throw noSuchTeam(params.id);
  log.info("team changed", { requestId, by: user.email, teamId: params.id, fields: Object.keys(body) });
  const team = await getTeam(db(), params.id);
  if (!team) throw noSuchTeam(params.id); // deleted in between
  return team;
});

export const DELETE = route(consoleApi["DELETE /api/admin/teams/:id"], async ({ params, user, requestId }) => {
  if (!(await deleteTeam(db(), params.id))) throw noSuchTeam(params.id);
  log.info("team deleted", { requestId, by: user.email, teamId: params.id });
  return null;
});

export const { GET, POST, PUT, OPTIONS } = otherMethods({ PATCH, DELETE });
