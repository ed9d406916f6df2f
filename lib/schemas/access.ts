/**
 * Who may do what — the console API contract for sign-in and permissions (isomorphic). Roles are ordered:
 * viewer < deployer < admin. Grants are team × app (or "*" = all apps) × role; a user's rights on an app are the
 * union of their teams' grants and their own global role.
 */
import { z } from "zod";
import { ALL_APPS, ROLES } from "./roles";

export { ALL_APPS, ROLES };
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const roleRank = (r: Role | null | undefined) => (r ? ROLES.indexOf(r) + 1 : 0);
export const atLeast = (have: Role | null | undefined, need: Role) => roleRank(have) >= roleRank(need);

/** Who may call a console route: "public" (no session), "view"/"deploy" (that role on the task; a session elsewhere), "admin". */
export type Permission = "public" | "view" | "deploy" | "admin";

/** Why an action is refused; the UI localises these, the API also sends a sentence. */
export const denyReasonSchema = z.enum(["needs_viewer", "needs_deployer", "needs_admin"]);
export type DenyReason = z.infer<typeof denyReasonSchema>;

/** What the signed-in user may do on one app (added to task and app answers). */
export const appAccessSchema = z.object({
  role: roleSchema.nullable(),
  canDeploy: z.boolean(),
  /** Set when canDeploy is false. */
  denyReason: denyReasonSchema.nullable(),
  /** Who can grant the missing right (admin e-mail addresses, a few). */
  grantors: z.array(z.string()),
  /** Protected app: start and rollback need the typed app name and a reason. */
  protected: z.boolean(),
});
export type AppAccess = z.infer<typeof appAccessSchema>;

/** GET /api/me */
export const meSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), isAdmin: z.boolean(), provider: z.enum(["credentials", "oidc", "token"]) }),
  /** Requests with an API token: the token (its role and apps cap the owner's rights). */
  token: z.object({ id: z.string(), name: z.string(), role: roleSchema, taskIds: z.array(z.string()).nullable() }).nullable(),
  grants: z.array(
    z.object({ teamId: z.string().nullable(), teamName: z.string().nullable(), appId: z.string(), appName: z.string().nullable(), role: roleSchema }),
  ),
});
export type Me = z.infer<typeof meSchema>;
