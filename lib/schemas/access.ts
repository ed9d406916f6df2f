/**
 * Who may do what — the console API contract for sign-in and permissions (isomorphic types and constants).
 * Roles are ordered: viewer < deployer < admin. Grants are team × app (or "*" = all apps) × role; a user's
 * rights on an app are the union of their teams' grants and their own global role.
 */
export const ROLES = ["viewer", "deployer", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const ALL_APPS = "*";

export const roleRank = (r: Role | null | undefined) => (r ? ROLES.indexOf(r) + 1 : 0);
export const atLeast = (have: Role | null | undefined, need: Role) => roleRank(have) >= roleRank(need);

/** Why an action is refused; the UI localises these, the API also sends a sentence. */
export type DenyReason = "needs_viewer" | "needs_deployer" | "needs_admin";

/** What the signed-in user may do on one app (added to task and app answers). */
export interface AppAccess {
  role: Role | null;
  canDeploy: boolean;
  /** Set when canDeploy is false. */
  denyReason: DenyReason | null;
  /** Who can grant the missing right (admin e-mail addresses, a few). */
  grantors: string[];
  /** Protected app: start and rollback need the typed app name and a reason. */
  protected: boolean;
}

/** GET /api/me */
export interface Me {
  user: { id: string; email: string; name: string; isAdmin: boolean; provider: "credentials" | "oidc" };
  grants: { teamId: string | null; teamName: string | null; appId: string; appName: string | null; role: Role }[];
}

// ---- Admin API (GET/POST /api/admin/users, PATCH/DELETE /api/admin/users/{id}, likewise teams, grants,
// ---- protected-apps; ids are UUIDs except protected apps, keyed by taskId)

export interface AdminUser {
  id: string;
  email: string;
  name: string;
  /** A global role on all apps, besides team grants (user:add --role sets it). */
  role: Role | null;
  source: "local" | "oidc";
  teams: { id: string; name: string }[];
  lockedUntil: string | null;
  createdAt: string;
}

export interface AdminTeam {
  id: string;
  name: string;
  /** OIDC group (claim value) whose members join this team at sign-in. */
  oidcGroup: string | null;
  members: number;
}

export interface AdminGrant {
  id: string;
  teamId: string;
  teamName: string;
  /** "*" for all apps. */
  appId: string;
  /** The app's task (grants are checked by task id on task routes); null for "*". */
  taskId: string | null;
  appName: string | null;
  role: Role;
}

export interface ProtectedApp {
  appId: string;
  taskId: string;
  appName: string;
  createdBy: string;
  createdAt: string;
}
