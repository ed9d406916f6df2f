/**
 * Who may do what — the console API contract for sign-in and permissions (isomorphic types and constants).
 * Roles are ordered: viewer < deployer < admin. Grants are team × app (or "*" = all apps) × role; a user's
 * rights on an app are the union of their teams' grants and their own global role.
 */
import { z } from "zod";
import { idSchema } from "./deploy";

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

// ---- Request bodies of the admin API (shared by the admin forms and the route handlers)

export const PASSWORD_MIN_LENGTH = 12;
export const roleSchema = z.enum(ROLES);
export const emailSchema = z.string().trim().toLowerCase().max(320).pipe(z.email("must be an e-mail address"));
const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`).max(1024);
const nameSchema = z.string().trim().min(1, "must not be empty").max(200);
export const uuidSchema = z.uuid("must be a UUID");

export const adminIdParamsSchema = z.object({ id: uuidSchema });
export const protectedAppParamsSchema = z.object({ taskId: idSchema });

/** POST /api/admin/users — a local account. */
export const newUserBodySchema = z.object({ email: emailSchema, name: nameSchema, password: passwordSchema, role: roleSchema.nullable().optional() }).strict();

/** PATCH /api/admin/users/{id} — teamIds is the complete set of teams; unlock clears the sign-in back-off. */
export const userChangesBodySchema = z
  .object({
    name: nameSchema.optional(),
    role: roleSchema.nullable().optional(),
    teamIds: z.array(uuidSchema).max(200).optional(),
    unlock: z.literal(true).optional(),
    password: passwordSchema.optional(),
  })
  .strict();

const teamName = z.string().trim().min(1, "must not be empty").max(100);
const oidcGroup = z.string().trim().min(1, "must not be empty").max(255).nullable().optional();

/** POST /api/admin/teams */
export const newTeamBodySchema = z.object({ name: teamName, oidcGroup }).strict();
/** PATCH /api/admin/teams/{id} — oidcGroup null removes it. */
export const teamChangesBodySchema = z.object({ name: teamName.optional(), oidcGroup }).strict();

/** POST /api/admin/grants — appId "*" is all apps; otherwise the app's taskId is required (task routes check it). */
export const newGrantBodySchema = z
  .object({
    teamId: uuidSchema,
    appId: z.union([z.literal(ALL_APPS), idSchema]),
    taskId: idSchema.optional(),
    appName: z.string().trim().min(1).max(255).optional(),
    role: roleSchema,
  })
  .strict()
  .superRefine((g, ctx) => {
    if (g.appId !== ALL_APPS && !g.taskId) ctx.addIssue({ code: "custom", path: ["taskId"], message: "is required for a single app" });
    if (g.appId === ALL_APPS && g.taskId) ctx.addIssue({ code: "custom", path: ["taskId"], message: "must be absent for all apps" });
  });

/** POST /api/admin/protected-apps */
export const newProtectedAppBodySchema = z
  .object({ appId: idSchema, taskId: idSchema, appName: z.string().trim().min(1, "must not be empty").max(255) })
  .strict();

export type NewUserBody = z.infer<typeof newUserBodySchema>;
export type UserChangesBody = z.infer<typeof userChangesBodySchema>;
export type NewTeamBody = z.infer<typeof newTeamBodySchema>;
export type TeamChangesBody = z.infer<typeof teamChangesBodySchema>;
export type NewGrantBody = z.infer<typeof newGrantBodySchema>;
export type NewProtectedAppBody = z.infer<typeof newProtectedAppBodySchema>;
