import "server-only";
/**
 * The local-account check behind the credentials provider: back-off per account and per client address,
 * argon2id verification, and the same work whether or not the account exists.
 */
import type { Kysely } from "kysely";
import { emailSchema } from "../../schemas/admin";
import type { Database, UserRow } from "../db/schema";
import { claimAttempts, clearAttempts, readAttempts, writeAttempts } from "../db/login-attempts";
import { accountKey, findUserByEmail } from "../db/users";
import { ACCOUNT_POLICY, ADDRESS_POLICY, type Verdict, afterFailure, verdict } from "./backoff";
import { isDemoEmail } from "./demo";
import { verifyDummy, verifyPassword } from "./password";

export type CredentialsResult = { ok: true; user: UserRow } | { ok: false; code: "CredentialsSignin" | "throttled" | "locked_out"; retryAfterMs?: number };

export interface CredentialsInput {
  email: string;
  password: string;
  /** The client address (null when unknown: only the per-account limit applies). */
  address: string | null;
  /** Demo accounts are refused in cloud mode even when they exist in the database. */
  acceptDemoAccounts: boolean;
  now?: number;
}

const addressKey = (address: string) => `ip:${address}`;
const CLAIM_TRIES = 3;

export async function checkCredentials(db: Kysely<Database>, input: CredentialsInput): Promise<CredentialsResult> {
  const now = input.now ?? Date.now();
  const parsed = emailSchema.safeParse(input.email);
  const password = input.password.slice(0, 1024);

  // Both limits are consulted before anything is checked; when both refuse, the longer wait is reported.
  const refusals: Verdict[] = [];
  if (input.address) refusals.push(verdict(ADDRESS_POLICY, (await readAttempts(db, addressKey(input.address))).state, now));
  const key = parsed.success ? accountKey(parsed.data) : null;
  if (key) refusals.push(verdict(ACCOUNT_POLICY, (await readAttempts(db, key)).state, now));
  const worst = refusals.filter((v): v is Extract<Verdict, { allowed: false }> => !v.allowed).sort((a, b) => b.retryAfterMs - a.retryAfterMs)[0];
  if (worst) return { ok: false, code: worst.code, retryAfterMs: worst.retryAfterMs };

  let user: UserRow | undefined;
  if (key && parsed.success) {
    // Count the attempt before checking it (compare-and-set): parallel guesses cannot share one window.
    let claimed = false;
    for (let i = 0; i < CLAIM_TRIES && !claimed; i++) {
      const seen = await readAttempts(db, key);
      const v = verdict(ACCOUNT_POLICY, seen.state, now);
      if (!v.allowed) return { ok: false, code: v.code, retryAfterMs: v.retryAfterMs };
      claimed = await claimAttempts(db, key, seen, afterFailure(ACCOUNT_POLICY, seen.state, now));
    }
    if (!claimed) return { ok: false, code: "throttled", retryAfterMs: ACCOUNT_POLICY.baseDelayMs };
    user = await findUserByEmail(db, parsed.data);
  }

  const usable = user?.password_hash && (input.acceptDemoAccounts || !isDemoEmail(user.email));
  const valid = usable && user?.password_hash ? await verifyPassword(user.password_hash, password) : await verifyDummy(password);
  if (valid && user) {
    await clearAttempts(db, accountKey(user.email));
    return { ok: true, user };
  }
  if (input.address) {
    const ipKey = addressKey(input.address);
    await writeAttempts(db, ipKey, afterFailure(ADDRESS_POLICY, (await readAttempts(db, ipKey)).state, now));
  }
  return { ok: false, code: "CredentialsSignin" };
}
