/**
 * API tokens (issue 20): personal access tokens and service accounts' tokens, the answers that list them and the
 * bodies that create them. A token acts with its owner's rights, capped at its own role and, when it names apps,
 * at those apps; it is sent as `Authorization: Bearer cdc_…` and never from a cookie or a query string.
 */
import { z } from "zod";
import { roleSchema } from "./access";
import { idSchema, textSchema, uuidSchema } from "./common";

/** Every secret starts so; 32 random bytes follow as base64url (43 characters). */
export const TOKEN_PREFIX = "cdc_";
export const TOKEN_PATTERN = /^cdc_[A-Za-z0-9_-]{43}$/;
/** At most a year. */
const MAX_TOKEN_DAYS = 365;
/** Defaults (and ceilings) of a token's rate limits, per minute. */
export const TOKEN_RATES = { reads: { default: 600, max: 6000 }, starts: { default: 10, max: 120 } } as const;

const TOKEN_STATES = ["active", "expired", "revoked"] as const;

export const tokenAppSchema = z.object({ taskId: z.string(), appId: z.string().nullable(), appName: z.string().nullable() });

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The secret's first characters, to tell tokens apart (the secret itself is shown once, at creation). */
  prefix: z.string(),
  owner: z.object({ id: z.string(), name: z.string(), email: z.string(), kind: z.enum(["human", "service"]) }),
  role: roleSchema,
  /** null: every app the owner may reach. */
  apps: z.array(tokenAppSchema).nullable(),
  readsPerMinute: z.number().int(),
  startsPerMinute: z.number().int(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  state: z.enum(TOKEN_STATES),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** POST /api/tokens — ownerId (admins only) makes a service account's token. */
export const newTokenBodySchema = z
  .object({
    name: textSchema().trim().min(1, "must not be empty").max(100),
    expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS, `must be at most ${MAX_TOKEN_DAYS} days (a year)`),
    role: roleSchema,
    taskIds: z.array(idSchema).min(1, "name at least one app, or send null for all").max(100).nullable().optional(),
    ownerId: uuidSchema.optional(),
    readsPerMinute: z.number().int().min(1).max(TOKEN_RATES.reads.max).optional(),
    startsPerMinute: z.number().int().min(1).max(TOKEN_RATES.starts.max).optional(),
  })
  .strict();
export type NewTokenBody = z.infer<typeof newTokenBodySchema>;

/** The one answer that carries the secret. */
export const newTokenAnswerSchema = z.object({ token: apiTokenSchema, secret: z.string() });

/** GET /api/tokens — scope=all (admins): every token. */
export const tokensQuerySchema = z.object({ scope: z.enum(["mine", "all"]).default("mine") }).strict();
export const tokenParamsSchema = z.object({ id: uuidSchema }).strict();

/** POST /api/admin/service-accounts */
export const newServiceAccountBodySchema = z
  .object({ name: textSchema().trim().min(1, "must not be empty").max(100), role: roleSchema.nullable().optional() })
  .strict();
