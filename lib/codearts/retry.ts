/**
 * The client's one retry policy, as pure functions (no clock, no randomness of its own) so it is unit-tested as
 * logic. CodeArtsClient applies it to every call flagged `idempotent`; StartDeployTask and StopDeployTask are not
 * flagged and are therefore never repeated once they may have reached the cloud (docs/FAULTS.md).
 */
import type { CodeArtsError } from "./errors";

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** Back-off before retry n (1-based) is baseDelayMs · 2^(n−1) · (1 + jitter), jitter ∈ [0, 1), capped. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Budget from the first send to the last answer; no attempt starts or runs past it. */
  deadlineMs: number;
  /** An attempt with less time than this left before the deadline is not worth starting. */
  minAttemptMs: number;
}

/** Up to 2 retries, 200–400 ms then 400–800 ms; the whole call within twice the per-attempt timeout. */
export function readRetryPolicy(timeoutMs: number, overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return {
    retries: 2,
    baseDelayMs: 200,
    maxDelayMs: 800,
    deadlineMs: 2 * timeoutMs,
    minAttemptMs: Math.min(500, timeoutMs / 4),
    ...overrides,
  };
}

/**
 * Failures worth repeating for a read: no answer, a broken connection, a 5xx, or gateway throttling. Everything
 * else is an answer that would come back the same (4xx, an error in a 200 body, a shape we cannot parse).
 */
export function isTransient(err: CodeArtsError): boolean {
  if (err.failure === "timeout" || err.failure === "network") return true;
  if (err.failure !== "http") return false;
  return err.status >= 500 || err.status === 429 || err.errorCode === "APIGW.0308";
}

/** Jittered exponential back-off before retry `n` (1-based). `random` returns [0, 1). */
export function backoffMs(n: number, policy: RetryPolicy, random: number): number {
  const raw = policy.baseDelayMs * 2 ** Math.max(0, n - 1);
  return Math.min(policy.maxDelayMs, Math.floor(raw * (1 + Math.min(Math.max(random, 0), 0.999999))));
}

/** Retry-After as delta-seconds or an HTTP date, in ms from `nowMs`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^\d{1,9}$/.test(v)) return Number(v) * 1000;
  if (!/[a-z]/i.test(v)) return null; // an HTTP date names its day and month
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
}

export interface RetryInput {
  err: CodeArtsError;
  idempotent: boolean;
  /** Retries already made (0 after the first attempt failed). */
  retriesDone: number;
  /** Time since the first attempt started. */
  elapsedMs: number;
  policy: RetryPolicy;
  random: number;
}

/**
 * How long to wait before the next attempt, or null to give up and surface the error. Retry-After is honoured
 * (never waiting less than the back-off, so a "0" does not make every replica retry at once), and a wait that
 * would leave the next attempt without `minAttemptMs` before the deadline means giving up now.
 */
export function retryDelay(input: RetryInput): number | null {
  const { err, policy } = input;
  if (!input.idempotent || !isTransient(err) || input.retriesDone >= policy.retries) return null;
  const backoff = backoffMs(input.retriesDone + 1, policy, input.random);
  const delay = err.retryAfterMs === null ? backoff : Math.max(err.retryAfterMs, backoff);
  if (input.elapsedMs + delay + policy.minAttemptMs > policy.deadlineMs) return null;
  return delay;
}

/** Per-attempt timeout: the configured one, shortened so the attempt ends by the deadline. */
export function attemptTimeoutMs(timeoutMs: number, elapsedMs: number, policy: RetryPolicy): number {
  return Math.max(1, Math.min(timeoutMs, policy.deadlineMs - elapsedMs));
}
