import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PAIR_POLICY as P, ACCOUNT_POLICY, ADDRESS_POLICY, FRESH, type AttemptState, afterFailure, delayAfter, verdict } from "./backoff";

const fail = (s: AttemptState, at: number) => afterFailure(P, s, at);

describe("sign-in back-off policy", () => {
  it("lets the first three failures through at once, then waits 1 s, 2 s, 4 s, 8 s, capped at 10 s", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => delayAfter(P, n))).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
  });

  it("refuses an attempt inside the wait and allows it after", () => {
    let s = FRESH;
    for (let i = 0; i < 3; i++) {
      expect(verdict(P, s, 1000 + i)).toEqual({ allowed: true });
      s = fail(s, 1000 + i);
    }
    expect(verdict(P, s, 1002)).toEqual({ allowed: false, code: "throttled", retryAfterMs: 1000 });
    expect(verdict(P, s, 2001)).toEqual({ allowed: false, code: "throttled", retryAfterMs: 1 });
    expect(verdict(P, s, 2002)).toEqual({ allowed: true });
  });

  it("locks for 15 minutes at the tenth failure, then allows one attempt and locks again on the next failure", () => {
    let s = FRESH;
    let t = 0;
    for (let i = 0; i < 9; i++) {
      t += delayAfter(P, s.failures);
      expect(verdict(P, s, t).allowed).toBe(true);
      s = fail(s, t);
      expect(s.lockedUntil).toBeNull();
    }
    t += delayAfter(P, s.failures);
    s = fail(s, t);
    expect(s).toEqual({ failures: 10, lastFailureAt: t, lockedUntil: t + 15 * 60_000 });
    expect(verdict(P, s, t + 14 * 60_000)).toMatchObject({ allowed: false, code: "locked_out", retryAfterMs: 60_000 });
    expect(verdict(P, s, t + 15 * 60_000)).toEqual({ allowed: true });
    expect(fail(s, t + 15 * 60_000).lockedUntil).toBe(t + 30 * 60_000);
  });

  it("forgets failures after a quiet day, but not during a lock", () => {
    const s = { failures: 5, lastFailureAt: 0, lockedUntil: null };
    expect(fail(s, P.forgetAfterMs).failures).toBe(1);
    const locked = { failures: 10, lastFailureAt: 0, lockedUntil: P.forgetAfterMs + 1 };
    expect(verdict(P, locked, P.forgetAfterMs)).toMatchObject({ code: "locked_out" });
  });

  it("is looser per client address and per account than per account and address", () => {
    for (const looser of [ADDRESS_POLICY, ACCOUNT_POLICY]) {
      expect(looser.freeFailures).toBeGreaterThan(P.freeFailures);
      expect(looser.lockAfterFailures).toBeGreaterThan(P.lockAfterFailures);
    }
  });

  it("never allows an attempt while locked and never waits longer than the cap outside a lock", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 120_000 }), { maxLength: 40 }), fc.integer({ min: 0, max: 60_000 }), (gaps, probe) => {
        let s = FRESH;
        let t = 0;
        for (const g of gaps) {
          t += g;
          if (verdict(P, s, t).allowed) s = fail(s, t);
        }
        const v = verdict(P, s, t + probe);
        if (s.lockedUntil !== null && s.lockedUntil > t + probe) expect(v).toMatchObject({ allowed: false, code: "locked_out" });
        if (!v.allowed && v.code === "throttled") expect(v.retryAfterMs).toBeLessThanOrEqual(P.maxDelayMs);
      }),
    );
  });
});
