import "server-only";
/** API tokens: created with a secret shown once (only its SHA-256 is kept), listed, found by hash, revoked. */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Role } from "../../schemas/access";
import { type ApiToken, TOKEN_PREFIX, type tokenAppSchema } from "../../schemas/tokens";
import type { z } from "zod";
import type { ApiTokenRow, Db, UserRow } from "./schema";

type TokenApp = z.infer<typeof tokenAppSchema>;

export const hashSecret = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

export interface NewToken {
  userId: string;
  name: string;
  role: Role;
  apps: TokenApp[] | null;
  readsPerMinute: number;
  startsPerMinute: number;
  expiresAt: Date;
  createdBy: string;
}

/** Creates a token; the secret is in the answer and nowhere else. */
export async function createToken(db: Db, t: NewToken, now = new Date()): Promise<{ row: ApiTokenRow; secret: string }> {
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const row: ApiTokenRow = {
    id: randomUUID(),
    user_id: t.userId,
    name: t.name,
    hash: hashSecret(secret),
    prefix: secret.slice(0, 12),
    role: t.role,
    apps: t.apps ? JSON.stringify(t.apps) : null,
    reads_per_minute: t.readsPerMinute,
    starts_per_minute: t.startsPerMinute,
    created_by: t.createdBy,
    created_at: now.toISOString(),
    expires_at: t.expiresAt.toISOString(),
    last_used_at: null,
    revoked_at: null,
    revoked_by: null,
  };
  await db.insertInto("api_tokens").values(row).execute();
  return { row, secret };
}

export function findTokenByHash(db: Db, hash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom("api_tokens").selectAll().where("hash", "=", hash).executeTakeFirst();
}

export function findToken(db: Db, id: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Revokes a token once (a second revoke keeps the first time and who); false when there is no such token. */
export async function revokeToken(db: Db, id: string, by: string, now = new Date()): Promise<boolean> {
  await db.updateTable("api_tokens").set({ revoked_at: now.toISOString(), revoked_by: by }).where("id", "=", id).where("revoked_at", "is", null).execute();
  return (await findToken(db, id)) !== undefined;
}

/** Notes a use; at most one write a minute per token (a token used in a loop does not write on every request). */
export async function touchToken(db: Db, row: ApiTokenRow, now = new Date()): Promise<void> {
  if (row.last_used_at && now.getTime() - Date.parse(row.last_used_at) < 60_000) return;
  await db.updateTable("api_tokens").set({ last_used_at: now.toISOString() }).where("id", "=", row.id).execute();
}

export const stateOf = (row: Pick<ApiTokenRow, "revoked_at" | "expires_at">, now = Date.now()): ApiToken["state"] =>
  row.revoked_at ? "revoked" : Date.parse(row.expires_at) <= now ? "expired" : "active";

export function toApiToken(row: ApiTokenRow, owner: Pick<UserRow, "id" | "name" | "email" | "kind">, now = Date.now()): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    owner: { id: owner.id, name: owner.name, email: owner.email, kind: owner.kind },
    role: row.role,
    apps: row.apps ? (JSON.parse(row.apps) as TokenApp[]) : null,
    readsPerMinute: row.reads_per_minute,
    startsPerMinute: row.starts_per_minute,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
    state: stateOf(row, now),
  };
}

/** Tokens of one user, or every token (userId null), newest first, with their owners. */
export async function listTokens(db: Db, userId: string | null, now = Date.now()): Promise<ApiToken[]> {
  let q = db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .selectAll("api_tokens")
    .select(["users.name as owner_name", "users.email as owner_email", "users.kind as owner_kind"])
    .orderBy("api_tokens.created_at", "desc")
    .orderBy("api_tokens.id");
  if (userId) q = q.where("api_tokens.user_id", "=", userId);
  const rows = await q.execute();
  return rows.map(({ owner_name, owner_email, owner_kind, ...row }) =>
    toApiToken(row, { id: row.user_id, name: owner_name, email: owner_email, kind: owner_kind }, now),
  );
}
