/**
 * The admin API (admins only): users, teams, grants and protected apps. Every change invalidates the lists it
 * touches, and — since grants and protection decide what each page offers — the signed-in user's own view too.
 */
import { queryOptions, useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import type {
  AdminGrant,
  AdminTeam,
  AdminUser,
  NewGrantBody,
  NewProtectedAppBody,
  NewTeamBody,
  NewUserBody,
  ProtectedApp,
  TeamChangesBody,
  UserChangesBody,
} from "@/lib/schemas/admin";
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

const list = <T>(key: QueryKey, path: string) =>
  queryOptions({
    queryKey: key,
    queryFn: ({ signal }) => apiFetch<T[]>(path, { signal }),
  });

export const adminUsersOptions = () => list<AdminUser>(adminKeys.users(), "/api/admin/users");
export const adminTeamsOptions = () => list<AdminTeam>(adminKeys.teams(), "/api/admin/teams");
export const adminGrantsOptions = () => list<AdminGrant>(adminKeys.grants(), "/api/admin/grants");
export const protectedAppsOptions = () => list<ProtectedApp>(adminKeys.protectedApps(), "/api/admin/protected-apps");

const seg = encodeURIComponent;

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

export const useCreateUser = () =>
  useAdminMutation((body: NewUserBody) => apiFetch<AdminUser>("/api/admin/users", { method: "POST", body }), [adminKeys.users(), adminKeys.teams()]);

export const useUpdateUser = () =>
  useAdminMutation(
    ({ id, changes }: { id: string; changes: UserChangesBody }) => apiFetch<AdminUser>(`/api/admin/users/${seg(id)}`, { method: "PATCH", body: changes }),
    [adminKeys.users(), adminKeys.teams(), ...accessViews],
  );

export const useDeleteUser = () =>
  useAdminMutation((id: string) => apiFetch<unknown>(`/api/admin/users/${seg(id)}`, { method: "DELETE" }), [adminKeys.users(), adminKeys.teams()]);

export const useCreateTeam = () =>
  useAdminMutation((body: NewTeamBody) => apiFetch<AdminTeam>("/api/admin/teams", { method: "POST", body }), [adminKeys.teams()]);

export const useUpdateTeam = () =>
  useAdminMutation(
    ({ id, changes }: { id: string; changes: TeamChangesBody }) => apiFetch<AdminTeam>(`/api/admin/teams/${seg(id)}`, { method: "PATCH", body: changes }),
    [adminKeys.teams(), adminKeys.users(), adminKeys.grants(), meKeys.all],
  );

export const useDeleteTeam = () =>
  useAdminMutation(
    (id: string) => apiFetch<unknown>(`/api/admin/teams/${seg(id)}`, { method: "DELETE" }),
    [adminKeys.teams(), adminKeys.users(), adminKeys.grants(), ...accessViews],
  );

export const useCreateGrant = () =>
  useAdminMutation((body: NewGrantBody) => apiFetch<AdminGrant>("/api/admin/grants", { method: "POST", body }), [adminKeys.grants(), ...accessViews]);

export const useDeleteGrant = () =>
  useAdminMutation((id: string) => apiFetch<unknown>(`/api/admin/grants/${seg(id)}`, { method: "DELETE" }), [adminKeys.grants(), ...accessViews]);

export const useProtectApp = () =>
  useAdminMutation(
    (body: NewProtectedAppBody) => apiFetch<ProtectedApp>("/api/admin/protected-apps", { method: "POST", body }),
    [adminKeys.protectedApps(), ...accessViews],
  );

export const useUnprotectApp = () =>
  useAdminMutation(
    (taskId: string) => apiFetch<unknown>(`/api/admin/protected-apps/${seg(taskId)}`, { method: "DELETE" }),
    [adminKeys.protectedApps(), ...accessViews],
  );
