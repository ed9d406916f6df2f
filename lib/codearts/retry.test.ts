import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CodeArtsError, type CodeArtsFailure } from "./errors";
import { attemptTimeoutMs, backoffMs, isTransient, parseRetryAfter, readRetryPolicy, retryDelay } from "./retry";

const policy = readRetryPolicy(15_000);
const err = (failure: CodeArtsFailure, status = 0, code: string | null = null, retryAfterMs: number | null = null) =>
  new CodeArtsError(failure, "ListAllApp", status, code, null, null, { retryAfterMs });
const input = (e: CodeArtsError, over: Partial<Parameters<typeof retryDelay>[0]> = {}) => ({
  err: e,
  idempotent: true,
  retriesDone: 0,
  elapsedMs: 0,
  policy,
  random: 0.5,
  ...over,
});

describe("the read policy", () => {
  it("is 2 retries, 200–800 ms, within twice the timeout", () => {
    expect(policy).toEqual({ retries: 2, baseDelayMs: 200, maxDelayMs: 800, deadlineMs: 30_000, minAttemptMs: 500 });
  });

  it.each([
    ["timeout", true, err("timeout")],
    ["a broken connection", true, err("network", 0, null)],
    ["500", true, err("http", 500)],
    ["502 HTML page", true, err("http", 502)],
    ["503 without a body", true, err("http", 503)],
    ["504 APIGW.0201", true, err("http", 504, "APIGW.0201")],
    ["429 APIGW.0308", true, err("http", 429, "APIGW.0308")],
    ["APIGW.0308 with another status", true, err("http", 403, "APIGW.0308")],
    ["400 Deploy.00011027", false, err("http", 400, "Deploy.00011027")],
    ["401 APIGW.0301", false, err("http", 401, "APIGW.0301")],
    ["401 APIGW.0303 (clock skew)", false, err("http", 401, "APIGW.0303")],
    ["404 APIGW.0101", false, err("http", 404, "APIGW.0101")],
    ["an error in a 200 body", false, err("error_in_body", 200, "Deploy.00011021")],
    ["malformed JSON", false, err("malformed", 200)],
  ])("%s → transient: %s", (_what, expected, e) => {
    expect(isTransient(e)).toBe(expected);
    expect(retryDelay(input(e)) !== null).toBe(expected);
  });
});

describe("back-off", () => {
  it("doubles from 200 ms with up to 100 % jitter and is capped at 800 ms", () => {
    expect([backoffMs(1, policy, 0), backoffMs(1, policy, 0.999)]).toEqual([200, 399]);
    expect([backoffMs(2, policy, 0), backoffMs(2, policy, 0.999)]).toEqual([400, 799]);
    expect(backoffMs(3, policy, 0.5)).toBe(800);
    expect(backoffMs(10, policy, 0.999)).toBe(800);
  });

  it("stays within [200, 800] ms for any jitter and retry", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, r) => {
        const d = backoffMs(n, policy, r);
        return d >= 200 && d <= 800 && d >= Math.min(800, 200 * 2 ** (n - 1));
      }),
    );
  });
});

describe("retryDelay", () => {
  it("gives up after two retries", () => {
    expect(retryDelay(input(err("http", 503), { retriesDone: 1 }))).toBe(600);
    expect(retryDelay(input(err("http", 503), { retriesDone: 2 }))).toBeNull();
  });

  it("never repeats a write, whatever the failure", () => {
    for (const e of [err("timeout"), err("http", 503), err("http", 429, "APIGW.0308"), err("network")]) {
      expect(retryDelay(input(e, { idempotent: false }))).toBeNull();
    }
  });

  it("honours Retry-After, but never waits less than the back-off", () => {
    expect(retryDelay(input(err("http", 429, "APIGW.0308", 2000)))).toBe(2000);
    expect(retryDelay(input(err("http", 429, "APIGW.0308", 0)))).toBe(300);
  });

  it("gives up rather than wait or run past the deadline", () => {
    expect(retryDelay(input(err("http", 429, "APIGW.0308", 60_000)))).toBeNull();
    expect(retryDelay(input(err("timeout"), { elapsedMs: 29_201 }))).toBeNull(); // 300 ms wait leaves < 500 ms
    expect(retryDelay(input(err("timeout"), { elapsedMs: 29_200 }))).toBe(300);
    expect(retryDelay(input(err("timeout"), { elapsedMs: 15_000 }))).toBe(300);
  });

  it("shortens the next attempt so it ends by the deadline", () => {
    expect(attemptTimeoutMs(15_000, 0, policy)).toBe(15_000);
    expect(attemptTimeoutMs(15_000, 20_000, policy)).toBe(10_000);
    expect(attemptTimeoutMs(15_000, 40_000, policy)).toBe(1);
  });

  it("keeps every wait plus the attempts inside the deadline (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 60_000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.option(fc.integer({ min: 0, max: 5000 }))), {
          maxLength: 5,
        }),
        (timeoutMs, steps) => {
          const p = readRetryPolicy(timeoutMs);
          let elapsed = 0;
          let retries = 0;
          for (const [took, random, retryAfter] of steps) {
            elapsed += Math.min(took, attemptTimeoutMs(timeoutMs, elapsed, p));
            const d = retryDelay({ err: err("http", 503, null, retryAfter), idempotent: true, retriesDone: retries, elapsedMs: elapsed, policy: p, random });
            if (d === null) break;
            elapsed += d;
            retries++;
            if (elapsed + p.minAttemptMs > p.deadlineMs || retries > p.retries) return false;
          }
          return true;
        },
      ),
    );
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it.each([
    ["3", 3000],
    [" 0 ", 0],
    ["Thu, 01 Jan 2026 00:00:05 GMT", 5000],
    ["Wed, 31 Dec 2025 23:59:00 GMT", 0],
    ["soon", null],
    ["-1", null],
    ["", null],
    [null, null],
  ])("%j → %j", (value, expected) => expect(parseRetryAfter(value, now)).toBe(expected));
});
