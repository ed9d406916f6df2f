import "server-only";
/** Users and their team memberships. E-mail addresses are stored lower-case (unique). */
import { randomUUID } from "node:crypto";
import type { AdminUser } from "../../schemas/admin";
import type { Role } from "../../schemas/access";
import { ApiError, conflictError } from "../errors";
import { isUniqueViolation } from "./errors";
import type { ExpressionBuilder } from "kysely";
import type { Database, Db, UserRow } from "./schema";

export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
/** The counter of one account from one client address (see auth/backoff.ts PAIR_POLICY). */
export const pairKey = (account: string, address: string) => `${account}|ip:${address}`;
/** An account's counters: its own and those per client address. */
const ownsKey = (email: string, key: string) => key === accountKey(email) || key.startsWith(`${accountKey(email)}|`);
/** The same in SQL (a prefix by substr, not LIKE: an e-mail address may hold `_`). */
const ofAccount = (eb: ExpressionBuilder<Database, "login_attempts">, email: string) => {
  const own = accountKey(email);
  return eb.or([eb("key", "=", own), eb(eb.fn("substr", ["key", eb.val(1), eb.val(own.length + 1)]), "=", `${own}|`)]);
};

/** An admin's unlock: every counter of the account starts afresh (the per-address ones of other accounts stay). */
export async function clearAccountAttempts(db: Db, email: string): Promise<void> {
  await db
    .deleteFrom("login_attempts")
    .where((eb) => ofAccount(eb, email))
    .execute();
}

export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findUserBySubject(db: Db, subject: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("oidc_subject", "=", subject).executeTakeFirst();
}

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string | null;
  role: Role | null;
  source: "local" | "oidc";
  oidcSubject?: string | null;
  /** A service account (no password, no sign-in): default human. */
  kind?: "human" | "service";
}

export async function createUser(db: Db, u: NewUser): Promise<UserRow> {
  const row: UserRow = {
    id: randomUUID(),
    email: u.email.trim().toLowerCase(),
    name: u.name,
    password_hash: u.passwordHash,
    role: u.role,
    source: u.source,
    oidc_subject: u.oidcSubject ?? null,
    created_at: new Date().toISOString(),
    kind: u.kind ?? "human",
  };
  try {
    await db.insertInto("users").values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw conflictError("email_taken", { email: row.email }, `A user with the e-mail address ${row.email} already exists.`);
    throw err;
  }
  return row;
}

export interface UserChanges {
  name?: string;
  role?: Role | null;
  passwordHash?: string;
  oidcSubject?: string;
}

/** Applies the given changes; false when there is no such user. */
export async function updateUser(db: Db, id: string, c: UserChanges): Promise<boolean> {
  const values = {
    ...(c.name !== undefined ? { name: c.name } : {}),
    ...(c.role !== undefined ? { role: c.role } : {}),
    ...(c.passwordHash !== undefined ? { password_hash: c.passwordHash } : {}),
    ...(c.oidcSubject !== undefined ? { oidc_subject: c.oidcSubject } : {}),
  };
  if (Object.keys(values).length === 0) return (await findUserById(db, id)) !== undefined;
  const r = await db.updateTable("users").set(values).where("id", "=", id).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Deletes the user (memberships go with it); false when there is no such user. */
export async function deleteUser(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom("users").where("id", "=", id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/**
 * Makes `teamIds` the user's complete set of teams: memberships outside it go, missing ones are added as manual
 * (an OIDC membership that stays keeps its source, so the next OIDC sign-in still manages it).
 */
export async function setUserTeams(db: Db, userId: string, teamIds: string[]): Promise<void> {
  const wanted = [...new Set(teamIds)];
  await db.transaction().execute(async (tx) => {
    if (wanted.length > 0) {
      const found = await tx.selectFrom("teams").select("id").where("id", "in", wanted).execute();
      const missing = wanted.filter((id) => !found.some((t) => t.id === id));
      if (missing.length > 0) throw new ApiError("not_found", `There is no team with the id ${missing.join(", ")}.`);
    }
    let del = tx.deleteFrom("team_members").where("user_id", "=", userId);
    if (wanted.length > 0) del = del.where("team_id", "not in", wanted);
    await del.execute();
    if (wanted.length > 0) {
      await tx
        .insertInto("team_members")
        .values(wanted.map((team_id) => ({ team_id, user_id: userId, source: "manual" as const })))
        .onConflict((oc) => oc.columns(["team_id", "user_id"]).doNothing())
        .execute();
    }
  });
}

/** Every user as the admin page shows them: teams and a running sign-in lock. */
export async function listUsers(db: Db, now = Date.now()): Promise<AdminUser[]> {
  const [users, memberships, locks] = await Promise.all([
    db.selectFrom("users").selectAll().orderBy("email").execute(),
    db
      .selectFrom("team_members")
      .innerJoin("teams", "teams.id", "team_members.team_id")
      .select(["team_members.user_id", "teams.id", "teams.name"])
      .orderBy("teams.name")
      .execute(),
    db.selectFrom("login_attempts").select(["key", "locked_until"]).where("key", "like", "account:%").where("locked_until", "is not", null).execute(),
  ]);
  return users.map((u) => toAdminUser(u, memberships, locks, now));
}

export async function getAdminUser(db: Db, id: string, now = Date.now()): Promise<AdminUser | undefined> {
  const u = await findUserById(db, id);
  if (!u) return undefined;
  const [memberships, locks] = await Promise.all([
    db
      .selectFrom("team_members")
      .innerJoin("teams", "teams.id", "team_members.team_id")
      .select(["team_members.user_id", "teams.id", "teams.name"])
      .where("team_members.user_id", "=", id)
      .orderBy("teams.name")
      .execute(),
    db
      .selectFrom("login_attempts")
      .select(["key", "locked_until"])
      .where((eb) => ofAccount(eb, u.email))
      .execute(),
  ]);
  return toAdminUser(u, memberships, locks, now);
}

function toAdminUser(
  u: UserRow,
  memberships: { user_id: string; id: string; name: string }[],
  locks: { key: string; locked_until: string | null }[],
  now: number,
): AdminUser {
  // Locked: the account-wide lock, or the lock of one address (shown so that an admin sees someone was shut out).
  const lock =
    locks
      .filter((l) => ownsKey(u.email, l.key) && l.locked_until !== null)
      .map((l) => l.locked_until as string)
      .sort()
      .at(-1) ?? null;
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    source: u.source,
    kind: u.kind,
    teams: memberships.filter((m) => m.user_id === u.id).map((m) => ({ id: m.id, name: m.name })),
    lockedUntil: lock && Date.parse(lock) > now ? lock : null,
    createdAt: u.created_at,
  };
}

/** A few e-mail addresses of administrators (global admin role or an admin grant on all apps), for "who can grant it". */
export async function adminEmails(db: Db, limit = 3): Promise<string[]> {
  const direct = await db.selectFrom("users").select("email").where("role", "=", "admin").orderBy("email").limit(limit).execute();
  if (direct.length >= limit) return direct.map((r) => r.email);
  const viaTeams = await db
    .selectFrom("users")
    .innerJoin("team_members", "team_members.user_id", "users.id")
    .innerJoin("grants", "grants.team_id", "team_members.team_id")
    .select("users.email")
    .where("grants.app_id", "=", "*")
    .where("grants.role", "=", "admin")
    .orderBy("users.email")
    .limit(limit)
    .execute();
  return [...new Set([...direct, ...viaTeams].map((r) => r.email))].slice(0, limit);
}
