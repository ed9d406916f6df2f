import { describe, expect, it } from "vitest";
import { SharedReads } from "./shared-reads";

/** A load whose answers are released by hand, counting the calls. */
function loads<V>(answer: (call: number) => V) {
  let calls = 0;
  const waiting: (() => void)[] = [];
  const load = () =>
    new Promise<V>((resolve) => {
      const call = ++calls;
      waiting.push(() => resolve(answer(call)));
    });
  return { load, calls: () => calls, release: () => waiting.splice(0).forEach((go) => go()) };
}

describe("SharedReads", () => {
  it("200 concurrent reads of one key share one load; other keys get their own", async () => {
    const l = loads((call) => ({ call }));
    const reads = new SharedReads<{ call: number }>(() => 0, 10);
    const many = Array.from({ length: 200 }, () => reads.read("a", l.load));
    const other = reads.read("b", l.load);
    expect(l.calls()).toBe(2);
    l.release();
    expect(new Set((await Promise.all(many)).map((v) => v.call))).toEqual(new Set([1]));
    expect((await other).call).toBe(2);
    // Nothing kept (keepMs 0): the next read loads again.
    const next = reads.read("a", l.load);
    l.release();
    expect((await next).call).toBe(3);
  });

  it("hands an answer out again for keepMs, then loads anew; Infinity keeps it until evicted", async () => {
    let now = 1_000;
    const l = loads((call) => ({ call, final: call >= 2 }));
    const reads = new SharedReads<{ call: number; final: boolean }>(
      (v) => (v.final ? Infinity : 1_000),
      2,
      () => now,
    );
    const first = reads.read("r", l.load);
    l.release();
    expect((await first).call).toBe(1);
    now += 999;
    expect((await reads.read("r", l.load)).call).toBe(1);
    now += 1;
    const second = reads.read("r", l.load);
    l.release();
    expect((await second).call).toBe(2);
    now += 1_000_000;
    expect((await reads.read("r", l.load)).call).toBe(2);
    expect(l.calls()).toBe(2);
    // Bounded: two newer keys push it out.
    for (const k of ["x", "y"]) {
      const p = reads.read(k, l.load);
      l.release();
      await p;
    }
    const again = reads.read("r", l.load);
    l.release();
    expect((await again).call).toBe(5);
  });

  it("renews a briefly kept answer ahead: callers keep getting it while the next read runs; none is older than keepMs", async () => {
    let now = 0;
    const l = loads((call) => ({ call }));
    const reads = new SharedReads<{ call: number }>(
      () => 1_000,
      10,
      () => now,
    );
    const first = reads.read("r", l.load);
    now = 50; // the cloud answers after 50 ms: kept until 1,050, renewed from 1,000 (1 s after the read began)
    l.release();
    expect((await first).call).toBe(1);
    now = 999;
    expect((await reads.read("r", l.load)).call).toBe(1);
    expect(l.calls()).toBe(1);
    now = 1_000;
    // The first caller from 1,000 on starts the next read and is answered from what is kept, as are those after it.
    expect((await reads.read("r", l.load)).call).toBe(1);
    now = 1_020;
    expect((await reads.read("r", l.load)).call).toBe(1);
    expect(l.calls()).toBe(2);
    // Past 1,050 the kept answer is too old: a caller waits for the read in flight.
    now = 1_051;
    const late = reads.read("r", l.load);
    now = 1_060;
    l.release();
    expect((await late).call).toBe(2);
    expect((await reads.read("r", l.load)).call).toBe(2);
    expect(l.calls()).toBe(2);
  });

  it("a failed renewal is not kept: after the kept answer lapses, the next caller asks again", async () => {
    let now = 0;
    let fail = false;
    let calls = 0;
    const reads = new SharedReads<string>(
      () => 1_000,
      10,
      () => now,
    );
    const load = () => (++calls, fail ? Promise.reject(new Error("gateway 503")) : Promise.resolve(`ok@${now}`));
    const first = reads.read("k", load);
    now = 50; // answered at 50: kept until 1,050, renewed from 1,000
    expect(await first).toBe("ok@0");
    fail = true;
    now = 1_000;
    expect(await reads.read("k", load)).toBe("ok@0");
    await new Promise((r) => setTimeout(r, 0));
    // The renewal failed: the kept answer still serves until it lapses, without another renewal; then the next
    // caller asks (and fails) again.
    expect(await reads.read("k", load)).toBe("ok@0");
    expect(calls).toBe(2);
    now = 1_051;
    await expect(reads.read("k", load)).rejects.toThrow("gateway 503");
    fail = false;
    expect(await reads.read("k", load)).toBe("ok@1051");
  });

  it("a fresh read neither takes the kept answer nor joins the read in flight; its answer is kept for the next", async () => {
    const l = loads((call) => ({ call }));
    const reads = new SharedReads<{ call: number }>(() => 60_000, 10);
    const first = reads.read("k", l.load);
    const fresh = reads.read("k", l.load, true);
    expect(l.calls()).toBe(2);
    // An ordinary read now joins the newest read in flight.
    const joined = reads.read("k", l.load);
    l.release();
    expect([(await first).call, (await fresh).call, (await joined).call]).toEqual([1, 2, 2]);
    expect((await reads.read("k", l.load)).call).toBe(2);
    const again = reads.read("k", l.load, true);
    l.release();
    expect((await again).call).toBe(3);
    expect((await reads.read("k", l.load)).call).toBe(3);
  });

  it("keeps no failure: every waiting caller gets it, and the next read asks again", async () => {
    let fail = true;
    const reads = new SharedReads<string>(() => 60_000, 10);
    const load = () => (fail ? Promise.reject(new Error("gateway 503")) : Promise.resolve("ok"));
    const both = await Promise.allSettled([reads.read("k", load), reads.read("k", load)]);
    expect(both.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await reads.read("k", load)).toBe("ok");
  });
});
