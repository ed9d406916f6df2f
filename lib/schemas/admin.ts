/**
 * The admin API (isomorphic contract): GET/POST /api/admin/users, PATCH/DELETE /api/admin/users/{id}, likewise
 * teams and grants, and protected apps (keyed by taskId). Request bodies are shared by the admin forms and the
 * route handlers.
 */
import { z } from "zod";
import { ALL_APPS, roleSchema } from "./access";
import { idSchema, textSchema, uuidSchema } from "./common";

// ---- Admin API (GET/POST /api/admin/users, PATCH/DELETE /api/admin/users/{id}, likewise teams, grants,
// ---- protected-apps; ids are UUIDs except protected apps, keyed by taskId)

export const adminUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  /** A global role on all apps, besides team grants (user:add --role sets it). */
  role: roleSchema.nullable(),
  source: z.enum(["local", "oidc"]),
  /** service: a service account (acts only through API tokens). */
  kind: z.enum(["human", "service"]),
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const adminTeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** OIDC group (claim value) whose members join this team at sign-in. */
  oidcGroup: z.string().nullable(),
  members: z.number().int(),
});
export type AdminTeam = z.infer<typeof adminTeamSchema>;

export const adminGrantSchema = z.object({
  id: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  /** "*" for all apps. */
  appId: z.string(),
  /** The app's task (grants are checked by task id on task routes); null for "*". */
  taskId: z.string().nullable(),
  appName: z.string().nullable(),
  role: roleSchema,
});
export type AdminGrant = z.infer<typeof adminGrantSchema>;

export const protectedAppSchema = z.object({ appId: z.string(), taskId: z.string(), appName: z.string(), createdBy: z.string(), createdAt: z.string() });
export type ProtectedApp = z.infer<typeof protectedAppSchema>;

// ---- Request bodies of the admin API (shared by the admin forms and the route handlers)

export const PASSWORD_MIN_LENGTH = 12;
export const emailSchema = textSchema().trim().toLowerCase().max(320).pipe(z.email("must be an e-mail address"));
/** A password: long enough, and on one line (a piped "pw\npw\n" must not become a password with a newline in it). */
export const passwordSchema = textSchema()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(1024)
  .refine((s) => !/[\r\n\u2028\u2029]/.test(s), "must not contain a line break");
const nameSchema = textSchema().trim().min(1, "must not be empty").max(200);

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

const teamName = textSchema().trim().min(1, "must not be empty").max(100);
const oidcGroup = textSchema().trim().min(1, "must not be empty").max(255).nullable().optional();

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
    appName: textSchema().trim().min(1).max(255).optional(),
    role: roleSchema,
  })
  .strict()
  .superRefine((g, ctx) => {
    if (g.appId !== ALL_APPS && !g.taskId) ctx.addIssue({ code: "custom", path: ["taskId"], message: "is required for a single app" });
    if (g.appId === ALL_APPS && g.taskId) ctx.addIssue({ code: "custom", path: ["taskId"], message: "must be absent for all apps" });
  });

/** POST /api/admin/protected-apps */
export const newProtectedAppBodySchema = z
  .object({ appId: idSchema, taskId: idSchema, appName: textSchema().trim().min(1, "must not be empty").max(255) })
  .strict();

export type NewUserBody = z.infer<typeof newUserBodySchema>;
export type UserChangesBody = z.infer<typeof userChangesBodySchema>;
export type NewTeamBody = z.infer<typeof newTeamBodySchema>;
export type TeamChangesBody = z.infer<typeof teamChangesBodySchema>;
export type NewGrantBody = z.infer<typeof newGrantBodySchema>;
export type NewProtectedAppBody = z.infer<typeof newProtectedAppBodySchema>;
