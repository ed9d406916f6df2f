import "server-only";
/**
 * Permission resolution — pure: a user's role on a task is the highest of their global role, their teams' grants
 * on all apps ("*") and their teams' grants on that task. Decided from the database alone; never by asking the
 * cloud, so a refused request never reaches it. A request with an API token has its owner's rights capped: never above
 * the token's role, and only on the token's apps when it names some.
 */
import { ALL_APPS, type AppAccess, type DenyReason, type Me, type Permission, type Role, atLeast, roleRank } from "../schemas/access";

export interface PrincipalGrant {
  teamId: string | null;
  teamName: string | null;
  appId: string;
  taskId: string | null;
  appName: string | null;
  role: Role;
}

/** The signed-in user with their rights, re-read from the database on every request. */
/** The API token a request came with (Authorization: Bearer). */
export interface PrincipalToken {
  id: string;
  name: string;
  role: Role;
  /** The task ids it is limited to; null = every app the owner may reach. */
  taskIds: string[] | null;
  /** The owner is a service account. */
  service: boolean;
}

export interface Principal {
  id: string;
  email: string;
  name: string;
  /** Global role on all apps (besides team grants). */
  role: Role | null;
  provider: "credentials" | "oidc" | "token";
  /** human, or a service account (which acts only through its tokens). */
  kind?: "human" | "service";
  grants: PrincipalGrant[];
  token?: PrincipalToken | null;
}

export const NEEDED_ROLE = { view: "viewer", deploy: "deployer", admin: "admin" } as const satisfies Record<string, Role>;

const highest = (roles: (Role | null)[]): Role | null => roles.reduce<Role | null>((best, r) => (roleRank(r) > roleRank(best) ? r : best), null);

/** A role no higher than the token's (no token: unchanged). */
const capped = (p: Principal, role: Role | null): Role | null => (p.token && roleRank(role) > roleRank(p.token.role) ? p.token.role : role);

/** The owner's role on every app, before a token's cap. */
const ownRoleOnAll = (p: Principal): Role | null => highest([p.role, ...p.grants.filter((g) => g.appId === ALL_APPS).map((g) => g.role)]);

/** The role on every app: the global role and the grants on "*" (a token limited to some apps has none). */
const roleOnAll = (p: Principal): Role | null => (p.token?.taskIds ? null : capped(p, ownRoleOnAll(p)));

/** The role on one task: the role on every app and the grants on that task. */
export const roleOnTask = (p: Principal, taskId: string): Role | null => {
  if (p.token?.taskIds && !p.token.taskIds.includes(taskId)) return null;
  return capped(p, highest([ownRoleOnAll(p), ...p.grants.filter((g) => g.taskId === taskId).map((g) => g.role)]));
};

/** The highest role a user holds anywhere (a token they create may not exceed it). */
export const highestRole = (p: Principal): Role | null => capped(p, highest([ownRoleOnAll(p), ...p.grants.map((g) => g.role)]));

/** Administrators hold the admin role on all apps. */
export const isAdmin = (p: Principal) => atLeast(roleOnAll(p), "admin");

/** The tasks a user may see: "all", or the task ids of their grants. */
export function visibleTasks(p: Principal): "all" | Set<string> {
  if (atLeast(roleOnAll(p), "viewer")) return "all";
  const ids = p.token?.taskIds ?? p.grants.flatMap((g) => (g.taskId ? [g.taskId] : []));
  return new Set(ids.filter((id) => atLeast(roleOnTask(p, id), "viewer")));
}

export function mayOnTask(p: Principal, taskId: string, permission: "view" | "deploy"): boolean {
  return atLeast(roleOnTask(p, taskId), NEEDED_ROLE[permission]);
}

/** What the user may do with one app, as the task and app answers carry it. */
export function appAccess(p: Principal, taskId: string | null, ctx: { protected: boolean; grantors: string[] }): AppAccess {
  return accessOf(taskId ? roleOnTask(p, taskId) : roleOnAll(p), ctx);
}

/** What a role may do on an app (pure): the route wrapper computes the role once and reads everything from it. */
export function accessOf(role: Role | null, ctx: { protected: boolean; grantors: string[] }): AppAccess {
  const canDeploy = atLeast(role, "deployer");
  const denyReason: DenyReason | null = canDeploy ? null : atLeast(role, "viewer") ? "needs_deployer" : "needs_viewer";
  return { role, canDeploy, denyReason, grantors: canDeploy ? [] : ctx.grantors, protected: ctx.protected };
}

const ACTIONS: Record<Exclude<Permission, "public">, string> = {
  view: "to see it",
  deploy: "to start, roll back or stop its deployments",
  admin: "to manage users, teams, grants and protected apps",
};

/** The 403 sentence: what is missing, on what, and who can grant it. */
export function denyMessage(permission: Exclude<Permission, "public">, appName: string | null, grantors: string[]): string {
  const role = NEEDED_ROLE[permission];
  const what = permission === "admin" ? "on all apps" : `on ${appName ?? "this app"} (or all apps)`;
  const who = grantors.length > 0 ? `An administrator (${grantors.join(", ")}) can grant it.` : "An administrator can grant it.";
  return `You need the ${role} role ${what} ${ACTIONS[permission]}. ${who}`;
}

/** GET /api/me */
export function toMe(p: Principal): Me {
  const global: Me["grants"] = p.role ? [{ teamId: null, teamName: null, appId: ALL_APPS, appName: null, role: p.role }] : [];
  return {
    user: { id: p.id, email: p.email, name: p.name, isAdmin: isAdmin(p), provider: p.provider },
    token: p.token ? { id: p.token.id, name: p.token.name, role: p.token.role, taskIds: p.token.taskIds } : null,
    grants: [...global, ...p.grants.map((g) => ({ teamId: g.teamId, teamName: g.teamName, appId: g.appId, appName: g.appName, role: g.role }))],
  };
}
