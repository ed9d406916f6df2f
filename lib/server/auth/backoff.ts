import "server-only";
/**
 * Sign-in back-off — pure policy. After `freeFailures` failures every further attempt must wait
 * baseDelay·2^n (n = failures beyond the free ones, capped at maxDelay) after the last failure; at
 * `lockAfterFailures` the key is locked for `lockMs`. A quiet period of `forgetAfterMs` forgets old failures.
 * Refused attempts are not checked at all (no password verification), so they cannot be used to guess.
 */
export interface BackoffPolicy {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  lockAfterFailures: number;
  lockMs: number;
  forgetAfterMs: number;
}

/**
 * Per account and client address: the fast limit a guesser from one address meets (and the one a typing owner
 * meets). Its lock shuts out that address only, so a stranger's failures cannot lock the owner out.
 */
export const PAIR_POLICY: BackoffPolicy = {
  freeFailures: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 10_000,
  lockAfterFailures: 10,
  lockMs: 15 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

/**
 * Per account (e-mail address, whether or not it exists), over all addresses: the slower limit that bounds a
 * guesser spread over many addresses. It applies to addresses that have used up their free failures on the
 * account (and to attempts whose address is unknown), never to an address with fewer: the owner signing in from
 * their own address gets through.
 */
export const ACCOUNT_POLICY: BackoffPolicy = {
  freeFailures: 20,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  lockAfterFailures: 100,
  lockMs: 15 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

/** Per client address across accounts: looser, since many people may share one address (office NAT). */
export const ADDRESS_POLICY: BackoffPolicy = {
  freeFailures: 10,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  lockAfterFailures: 50,
  lockMs: 15 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

export interface AttemptState {
  failures: number;
  /** ms since epoch */
  lastFailureAt: number | null;
  lockedUntil: number | null;
}

export const FRESH: AttemptState = { failures: 0, lastFailureAt: null, lockedUntil: null };

export type Verdict = { allowed: true } | { allowed: false; code: "throttled" | "locked_out"; retryAfterMs: number };

/** How long to wait after the last failure before the next attempt, given the failures so far. */
export function delayAfter(policy: BackoffPolicy, failures: number): number {
  if (failures < policy.freeFailures) return 0;
  const n = failures - policy.freeFailures;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(n, 30));
}

/** The state as it counts now: failures older than the quiet period are forgotten (unless a lock still runs). */
function current(policy: BackoffPolicy, s: AttemptState, now: number): AttemptState {
  const locked = s.lockedUntil !== null && s.lockedUntil > now;
  if (!locked && s.lastFailureAt !== null && now - s.lastFailureAt >= policy.forgetAfterMs) return FRESH;
  return s;
}

/** The failures that still count at `now`. */
export const failuresNow = (policy: BackoffPolicy, state: AttemptState, now: number): number => current(policy, state, now).failures;

/** May an attempt be checked now? */
export function verdict(policy: BackoffPolicy, state: AttemptState, now: number): Verdict {
  const s = current(policy, state, now);
  if (s.lockedUntil !== null && s.lockedUntil > now) return { allowed: false, code: "locked_out", retryAfterMs: s.lockedUntil - now };
  const wait = s.lastFailureAt === null ? 0 : s.lastFailureAt + delayAfter(policy, s.failures) - now;
  return wait > 0 ? { allowed: false, code: "throttled", retryAfterMs: wait } : { allowed: true };
}

/** The state after one more failure at `now`. Reaching the lock threshold (again, after a lock ran out) locks. */
export function afterFailure(policy: BackoffPolicy, state: AttemptState, now: number): AttemptState {
  const s = current(policy, state, now);
  const failures = s.failures + 1;
  const lockedUntil = failures >= policy.lockAfterFailures ? now + policy.lockMs : null;
  return { failures, lastFailureAt: now, lockedUntil };
}
