import "server-only";
/**
 * The local-account check behind the credentials provider: back-off per account and address, per account and per
 * client address, argon2id verification, and the same work whether or not the account exists.
 */
import type { Kysely } from "kysely";
import { emailSchema } from "../../schemas/admin";
import type { Database, UserRow } from "../db/schema";
import { type StoredAttempts, claimAttempts, clearAttempts, readAttempts, writeAttempts } from "../db/login-attempts";
import { accountKey, findUserByEmail, pairKey } from "../db/users";
import { ACCOUNT_POLICY, ADDRESS_POLICY, type BackoffPolicy, PAIR_POLICY, type Verdict, afterFailure, failuresNow, verdict } from "./backoff";
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
type Refusal = Extract<Verdict, { allowed: false }>;

/**
 * Counts one more failure on `key` before the attempt is checked (compare-and-set, so parallel guesses cannot share
 * one window); a refusal when the key's policy refuses meanwhile, or when the counter keeps moving.
 */
async function claim(db: Kysely<Database>, key: string, policy: BackoffPolicy, now: number, read?: StoredAttempts): Promise<Refusal | null> {
  for (let i = 0; i < CLAIM_TRIES; i++) {
    // The first round uses the counter the caller has just read; a lost compare-and-set reads it again.
    const seen = i === 0 && read ? read : await readAttempts(db, key);
    const v = verdict(policy, seen.state, now);
    if (!v.allowed) return v;
    if (await claimAttempts(db, key, seen, afterFailure(policy, seen.state, now))) return null;
  }
  return { allowed: false, code: "throttled", retryAfterMs: policy.baseDelayMs };
}

/**
 * Three counters, each consulted before anything is checked (README "Sign-in back-off"): per account and address
 * (PAIR_POLICY: the fast limit, its lock shuts out that address only), per account over all addresses
 * (ACCOUNT_POLICY: slower, and only for addresses that used up their free failures on the account, so a stranger
 * cannot lock the owner out), per address across accounts (ADDRESS_POLICY). When several refuse, the longest wait
 * is reported. A refused attempt checks no password.
 */
export async function checkCredentials(db: Kysely<Database>, input: CredentialsInput): Promise<CredentialsResult> {
  const now = input.now ?? Date.now();
  const parsed = emailSchema.safeParse(input.email);
  const password = input.password.slice(0, 1024);
  const account = parsed.success ? accountKey(parsed.data) : null;
  // Without a known address, the account-wide counter is the only per-account one.
  const pair = account && input.address ? pairKey(account, input.address) : null;
  const pairRead = pair ? await readAttempts(db, pair) : null;
  const pairState = pairRead?.state ?? null;
  const accountWide = account !== null && (pairState === null || failuresNow(PAIR_POLICY, pairState, now) >= PAIR_POLICY.freeFailures);

  const verdicts: Verdict[] = [];
  if (input.address) verdicts.push(verdict(ADDRESS_POLICY, (await readAttempts(db, addressKey(input.address))).state, now));
  if (pairState) verdicts.push(verdict(PAIR_POLICY, pairState, now));
  const accountRead = account && accountWide ? await readAttempts(db, account) : null;
  if (accountRead) verdicts.push(verdict(ACCOUNT_POLICY, accountRead.state, now));
  const worst = longest(verdicts.filter((v): v is Refusal => !v.allowed));
  if (worst) return { ok: false, code: worst.code, retryAfterMs: worst.retryAfterMs };

  let user: UserRow | undefined;
  if (account && parsed.success) {
    const refused =
      (pair ? await claim(db, pair, PAIR_POLICY, now, pairRead ?? undefined) : null) ??
      (accountWide ? await claim(db, account, ACCOUNT_POLICY, now, accountRead ?? undefined) : null);
    if (refused) return { ok: false, code: refused.code, retryAfterMs: refused.retryAfterMs };
    user = await findUserByEmail(db, parsed.data);
  }

  const usable = user?.password_hash && (input.acceptDemoAccounts || !isDemoEmail(user.email));
  const valid = usable && user?.password_hash ? await verifyPassword(user.password_hash, password) : await verifyDummy(password);
  if (valid && user) {
    // The counters this attempt was charged to start afresh: the owner has shown the password from here.
    await Promise.all([pair ? clearAttempts(db, pair) : null, accountWide ? clearAttempts(db, account) : null]);
    return { ok: true, user };
  }
  // An attempt from a clean address is still a failure on the account: the next ones from there meet its limit.
  if (account && !accountWide) await writeAttempts(db, account, afterFailure(ACCOUNT_POLICY, (await readAttempts(db, account)).state, now));
  if (input.address) {
    const ipKey = addressKey(input.address);
    await writeAttempts(db, ipKey, afterFailure(ADDRESS_POLICY, (await readAttempts(db, ipKey)).state, now));
  }
  return { ok: false, code: "CredentialsSignin" };
}

function longest(refusals: Refusal[]): Refusal | undefined {
  return refusals.sort((a, b) => b.retryAfterMs - a.retryAfterMs)[0];
}
