import "server-only";
/** Sign-in failure counters per key (`account:<email>`, `ip:<address>`); the policy lives in auth/backoff.ts. */
import { type AttemptState, FRESH } from "../auth/backoff";
import type { Db } from "./schema";

export interface StoredAttempts {
  exists: boolean;
  state: AttemptState;
}

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export async function readAttempts(db: Db, key: string): Promise<StoredAttempts> {
  const r = await db.selectFrom("login_attempts").selectAll().where("key", "=", key).executeTakeFirst();
  if (!r) return { exists: false, state: FRESH };
  return { exists: true, state: { failures: Number(r.failures), lastFailureAt: ms(r.last_failure_at), lockedUntil: ms(r.locked_until) } };
}

/**
 * Compare-and-set: writes `next` only if the stored counter is still the one read (`seen`). Two parallel attempts
 * on one account cannot both pass a single back-off window this way, on one replica or several.
 */
export async function claimAttempts(db: Db, key: string, seen: StoredAttempts, next: AttemptState): Promise<boolean> {
  const values = { failures: next.failures, last_failure_at: iso(next.lastFailureAt), locked_until: iso(next.lockedUntil) };
  if (!seen.exists) {
    const r = await db
      .insertInto("login_attempts")
      .values({ key, ...values })
      .onConflict((oc) => oc.column("key").doNothing())
      .executeTakeFirst();
    return (r.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }
  const r = await db.updateTable("login_attempts").set(values).where("key", "=", key).where("failures", "=", seen.state.failures).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Unconditional write (per-address counters, where a lost update only makes the limit a little looser). */
export async function writeAttempts(db: Db, key: string, next: AttemptState): Promise<void> {
  const values = { failures: next.failures, last_failure_at: iso(next.lastFailureAt), locked_until: iso(next.lockedUntil) };
  await db
    .insertInto("login_attempts")
    .values({ key, ...values })
    .onConflict((oc) => oc.column("key").doUpdateSet(values))
    .execute();
}

export async function clearAttempts(db: Db, key: string): Promise<void> {
  await db.deleteFrom("login_attempts").where("key", "=", key).execute();
}
