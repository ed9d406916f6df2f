/**
 * The admin API (admins only): users, teams, grants and protected apps. Every change invalidates the lists it
 * touches, and — since grants and protection decide what each page offers — the signed-in user's own view too.
 */
import { queryOptions, useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import type { NewGrantBody, NewProtectedAppBody, NewTeamBody, NewUserBody, TeamChangesBody, UserChangesBody } from "@/lib/schemas/admin";
import type { AnswerOf } from "@/lib/schemas/api";
import { apiFetch } from "@/lib/queries/api";
import { appKeys } from "@/lib/queries/apps";
import { meKeys } from "@/lib/queries/me";
import { taskKeys } from "@/lib/queries/tasks";

const adminKeys = {
  all: ["admin"] as const,
  users: () => [...adminKeys.all, "users"] as const,
  teams: () => [...adminKeys.all, "teams"] as const,
  grants: () => [...adminKeys.all, "grants"] as const,
  protectedApps: () => [...adminKeys.all, "protected-apps"] as const,
};

type AdminList = "GET /api/admin/users" | "GET /api/admin/teams" | "GET /api/admin/grants" | "GET /api/admin/protected-apps";

const list = <K extends AdminList>(key: QueryKey, route: K) =>
  queryOptions({
    queryKey: key,
    queryFn: ({ signal }) => apiFetch<AdminList>(route, { signal }) as Promise<AnswerOf<K>>,
  });

export const adminUsersOptions = () => list(adminKeys.users(), "GET /api/admin/users");
export const adminTeamsOptions = () => list(adminKeys.teams(), "GET /api/admin/teams");
export const adminGrantsOptions = () => list(adminKeys.grants(), "GET /api/admin/grants");
export const protectedAppsOptions = () => list(adminKeys.protectedApps(), "GET /api/admin/protected-apps");

/** A mutation that refreshes the given lists afterwards (also when it failed: the list may have moved on). */
function useAdminMutation<V>(fn: (vars: V) => Promise<unknown>, invalidate: QueryKey[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

/** Access decides what the picker, task and record pages offer: their cached answers are stale after a change. */
const accessViews: QueryKey[] = [meKeys.all, appKeys.all, taskKeys.all];

export const useCreateUser = () => useAdminMutation((body: NewUserBody) => apiFetch("POST /api/admin/users", { body }), [adminKeys.users(), adminKeys.teams()]);

export const useUpdateUser = () =>
  useAdminMutation(
    ({ id, changes }: { id: string; changes: UserChangesBody }) => apiFetch("PATCH /api/admin/users/:id", { params: { id }, body: changes }),
    [adminKeys.users(), adminKeys.teams(), ...accessViews],
  );

export const useDeleteUser = () =>
  useAdminMutation((id: string) => apiFetch("DELETE /api/admin/users/:id", { params: { id } }), [adminKeys.users(), adminKeys.teams()]);

export const useCreateTeam = () => useAdminMutation((body: NewTeamBody) => apiFetch("POST /api/admin/teams", { body }), [adminKeys.teams()]);

export const useUpdateTeam = () =>
  useAdminMutation(
    ({ id, changes }: { id: string; changes: TeamChangesBody }) => apiFetch("PATCH /api/admin/teams/:id", { params: { id }, body: changes }),
    [adminKeys.teams(), adminKeys.users(), adminKeys.grants(), meKeys.all],
  );

export const useDeleteTeam = () =>
  useAdminMutation(
    (id: string) => apiFetch("DELETE /api/admin/teams/:id", { params: { id } }),
    [adminKeys.teams(), adminKeys.users(), adminKeys.grants(), ...accessViews],
  );

export const useCreateGrant = () =>
  useAdminMutation((body: NewGrantBody) => apiFetch("POST /api/admin/grants", { body }), [adminKeys.grants(), ...accessViews]);

export const useDeleteGrant = () =>
  useAdminMutation((id: string) => apiFetch("DELETE /api/admin/grants/:id", { params: { id } }), [adminKeys.grants(), ...accessViews]);

export const useProtectApp = () =>
  useAdminMutation((body: NewProtectedAppBody) => apiFetch("POST /api/admin/protected-apps", { body }), [adminKeys.protectedApps(), ...accessViews]);

export const useUnprotectApp = () =>
  useAdminMutation(
    (taskId: string) => apiFetch("DELETE /api/admin/protected-apps/:taskId", { params: { taskId } }),
    [adminKeys.protectedApps(), ...accessViews],
  );
