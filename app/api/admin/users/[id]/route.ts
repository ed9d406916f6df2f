// PATCH /api/admin/users/[id] – name, global role, teams (the complete set), password, unlock; DELETE – remove
import { consoleApi } from "@/lib/schemas/api";
import { hashPassword } from "@/lib/server/auth/password";
import { db } from "@/lib/server/db";
import { clearAccountAttempts, deleteUser, findUserById, getAdminUser, setUserTeams, updateUser } from "@/lib/server/db/users";
import { ApiError, conflictError } from "@/lib/server/errors";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

const noSuchUser = (id: string) => new ApiError("not_found", `There is no user with the id ${id}.`);

export const PATCH = route(consoleApi["PATCH /api/admin/users/:id"], async ({ params, body, user, requestId }) => {
  const target = await findUserById(db(), params.id);
  if (!target) throw noSuchUser(params.id);
  if (target.id === user.id && body.role !== undefined && body.role !== "admin" && user.role === "admin") {
    throw conflictError("own_admin_role", {}, "You cannot take away your own admin role; ask another administrator.");
  }
  if (body.password !== undefined && target.source !== "local") {
    throw conflictError("sso_no_password", { email: target.email }, `${target.email} signs in through single sign-on and has no console password.`);
  }
  await updateUser(db(), target.id, {
    name: body.name,
    role: body.role,
    passwordHash: body.password !== undefined ? await hashPassword(body.password) : undefined,
  });
  if (body.teamIds) await setUserTeams(db(), target.id, body.teamIds);
  if (body.unlock) await clearAccountAttempts(db(), target.email);
  log.info("user changed", { requestId, by: user.email, userId: target.id, fields: Object.keys(body) });
  const changed = await getAdminUser(db(), target.id);
  if (!changed) throw noSuchUser(target.id); // deleted in between
  return changed;
});

export const DELETE = route(consoleApi["DELETE /api/admin/users/:id"], async ({ params, user, requestId }) => {
  if (params.id === user.id) throw conflictError("own_account", {}, "You cannot delete your own account; ask another administrator.");
  if (!(await deleteUser(db(), params.id))) throw noSuchUser(params.id);
  log.info("user deleted", { requestId, by: user.email, userId: params.id });
  return null;
});

export const { GET, POST, PUT, OPTIONS } = otherMethods({ PATCH, DELETE });
