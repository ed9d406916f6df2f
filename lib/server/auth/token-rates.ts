/**
 * Per-token rate limits: a fixed one-minute window per token and class (reads, starts), counted in this process.
 * Pure (the clock is passed in), so it is unit-tested directly. Several console processes each count their own
 * share, so a token's real ceiling behind a load balancer is the limit times the number of processes.
 */
import { ApiError } from "../errors";

export type RateClass = "reads" | "starts";

const WINDOW_MS = 60_000;
const windows = new Map<string, { start: number; used: number }>();

/** The 429 of a used-up window; the route wrapper sends `Retry-After` from it. */
export class RateLimitedError extends ApiError {
  constructor(
    readonly retryAfterSeconds: number,
    cls: RateClass,
    limit: number,
  ) {
    super(
      "rate_limited",
      `This API token may make ${limit} ${cls === "starts" ? "deployment starts" : "requests"} a minute; try again in ${retryAfterSeconds} s.`,
    );
  }
}

/** Counts one request of `cls`, or throws RateLimitedError when the window's `limit` is used up. */
export function takeRate(tokenId: string, cls: RateClass, limit: number, now: number): void {
  const key = `${tokenId}:${cls}`;
  let w = windows.get(key);
  if (!w || now - w.start >= WINDOW_MS) {
    w = { start: now - (now % WINDOW_MS), used: 0 };
    windows.set(key, w);
    if (windows.size > 10_000) for (const [k, v] of windows) if (now - v.start >= WINDOW_MS) windows.delete(k);
  }
  if (w.used >= limit) throw new RateLimitedError(Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000)), cls, limit);
  w.used++;
}
