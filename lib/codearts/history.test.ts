import { afterEach, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import type { RecordSummary } from "../schemas/records";
import type { CodeArtsClient } from "./client";
import { codeartsDeploy } from "./deploy";
import { type LedgerOrigin, MAX_WINDOW_SPAN_DAYS, historyWindows, planPages, targetsToResolve, withLedgerFacts } from "./history";
import { addDays, daysBetween } from "./time";

describe("historyWindows", () => {
  it("keeps a range of exactly 30 calendar days in one window", () => {
    expect(historyWindows("2026-01-01", "2026-01-30")).toEqual([{ start: "2026-01-01", end: "2026-01-30" }]);
  });

  it("splits 31 days into two windows, newest first, without gaps or overlaps", () => {
    expect(historyWindows("2026-01-01", "2026-01-31")).toEqual([
      { start: "2026-01-02", end: "2026-01-31" },
      { start: "2026-01-01", end: "2026-01-01" },
    ]);
  });

  it("covers 92 days with windows no wider than the API allows", () => {
    const w = historyWindows("2026-01-01", "2026-04-02");
    expect(w).toHaveLength(4);
    expect(w[0]?.end).toBe("2026-04-02");
    expect(w.at(-1)?.start).toBe("2026-01-01");
    for (const x of w) expect(daysBetween(x.start, x.end)).toBeLessThanOrEqual(MAX_WINDOW_SPAN_DAYS);
    for (let i = 1; i < w.length; i++) expect(daysBetween(w[i]!.end, w[i - 1]!.start)).toBe(1);
  });

  it("handles a single day and an inverted range", () => {
    expect(historyWindows("2026-03-05", "2026-03-05")).toEqual([{ start: "2026-03-05", end: "2026-03-05" }]);
    expect(historyWindows("2026-03-06", "2026-03-05")).toEqual([]);
  });
});

describe("planPages", () => {
  it("reads the first page of the first window", () => {
    expect(planPages([25, 10], 0, 10)).toEqual([{ window: 0, page: 1, skip: 0, take: 10 }]);
  });

  it("crosses from one window into the next", () => {
    expect(planPages([25, 10], 20, 10)).toEqual([
      { window: 0, page: 3, skip: 0, take: 5 },
      { window: 1, page: 1, skip: 0, take: 5 },
    ]);
  });

  it("skips empty windows and reads more than one page inside a window", () => {
    expect(planPages([0, 30, 0, 4], 15, 10)).toEqual([
      { window: 1, page: 2, skip: 5, take: 5 },
      { window: 1, page: 3, skip: 0, take: 5 },
    ]);
    expect(planPages([0, 30, 0, 4], 30, 10)).toEqual([{ window: 3, page: 1, skip: 0, take: 4 }]);
  });

  it("returns nothing past the end", () => {
    expect(planPages([3], 10, 10)).toEqual([]);
  });
});

describe("historyWindows at the 30-day limit", () => {
  /** The upstream rule: end − start ≤ 30 days. Our windows must never exceed it, whatever the range. */
  it("never sends a window wider than the API allows, and covers the range exactly once", () => {
    for (let days = 1; days <= 92; days++) {
      const to = "2028-03-01"; // across a leap day
      const from = addDays(to, -(days - 1));
      const w = historyWindows(from, to);
      expect(w[0]?.end).toBe(to);
      expect(w.at(-1)?.start).toBe(from);
      for (const x of w) {
        expect(daysBetween(x.start, x.end)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(x.start, x.end)).toBeLessThanOrEqual(30);
      }
      for (let i = 1; i < w.length; i++) expect(daysBetween(w[i]!.end, w[i - 1]!.start)).toBe(1);
      const covered = w.reduce((n, x) => n + daysBetween(x.start, x.end) + 1, 0);
      expect(covered).toBe(days);
      expect(w).toHaveLength(Math.ceil(days / (MAX_WINDOW_SPAN_DAYS + 1)));
    }
  });

  it("splits 60 calendar days into exactly two full windows and 61 into three", () => {
    expect(historyWindows("2026-01-01", "2026-03-01")).toEqual([
      { start: "2026-01-31", end: "2026-03-01" },
      { start: "2026-01-01", end: "2026-01-30" },
    ]);
    expect(historyWindows("2025-12-31", "2026-03-01")).toHaveLength(3);
    expect(historyWindows("2025-12-31", "2026-03-01").at(-1)).toEqual({ start: "2025-12-31", end: "2025-12-31" });
  });
});

describe("planPages edge cases", () => {
  it("returns nothing when every window is empty", () => {
    expect(planPages([0, 0, 0, 0], 0, 10)).toEqual([]);
    expect(planPages([], 0, 10)).toEqual([]);
  });

  it("reads several upstream pages of one window for one unaligned console page", () => {
    // size 10, offset 7: the tail of upstream page 1 and the head of page 2 of the same window.
    expect(planPages([40], 7, 10)).toEqual([
      { window: 0, page: 1, skip: 7, take: 3 },
      { window: 0, page: 2, skip: 0, take: 7 },
    ]);
  });

  it("crosses several small windows, skipping empty ones between them", () => {
    expect(planPages([2, 0, 3, 0, 9], 1, 10)).toEqual([
      { window: 0, page: 1, skip: 1, take: 1 },
      { window: 2, page: 1, skip: 0, take: 3 },
      { window: 4, page: 1, skip: 0, take: 6 },
    ]);
  });

  it("cuts the last page short at the end of the data", () => {
    expect(planPages([12, 5], 10, 10)).toEqual([
      { window: 0, page: 2, skip: 0, take: 2 },
      { window: 1, page: 1, skip: 0, take: 5 },
    ]);
  });

  it("slices every item exactly once over all pages (any totals, any size)", () => {
    const cases: [number[], number][] = [
      [[0, 23, 0, 7], 10],
      [[31, 31, 31, 1], 7],
      [[5], 1],
      [[0, 0, 101], 100],
    ];
    for (const [totals, size] of cases) {
      const sum = totals.reduce((a, b) => a + b, 0);
      const seen: string[] = [];
      for (let page = 1; (page - 1) * size < sum; page++) {
        const slices = planPages(totals, (page - 1) * size, size);
        const n = slices.reduce((a, x) => a + x.take, 0);
        expect(n).toBe(Math.min(size, sum - (page - 1) * size));
        for (const x of slices) for (let i = 0; i < x.take; i++) seen.push(`${x.window}:${(x.page - 1) * size + x.skip + i}`);
      }
      const expected = totals.flatMap((t, w) => Array.from({ length: t }, (_, i) => `${w}:${i}`));
      expect(seen).toEqual(expected);
    }
  });
});

// ---- listRecords against a fake upstream that enforces the API's rules (the stitching as a whole)

interface FakeRecord {
  id: string;
  date: string; // yyyy-MM-dd at the upstream clock
  release: number;
}

/** A CodeArts client answering ListDeployTaskHistoryByDate from `records`, refusing windows over 30 days. */
function fakeHistory(records: FakeRecord[]) {
  const calls: { start: string; end: string; page: number; size: number }[] = [];
  const client = {
    config: { codeartsProjectId: "p".repeat(32), upstreamUtcOffsetMinutes: 480 },
    deploy: async (spec: { operation: string; query?: Record<string, string | number>; schema: z.ZodType }) => {
      if (spec.operation !== "ListDeployTaskHistoryByDate") throw new Error(`unexpected ${spec.operation}`);
      const q = spec.query ?? {};
      const start = String(q.start_date);
      const end = String(q.end_date);
      const page = Number(q.page);
      const size = Number(q.size);
      if (daysBetween(start, end) > 30 || daysBetween(start, end) < 0) throw new Error(`window ${start}..${end} refused`);
      if (size < 1 || size > 100) throw new Error(`size ${size} refused`);
      calls.push({ start, end, page, size });
      const inWindow = records.filter((r) => r.date >= start && r.date <= end).sort((a, b) => b.release - a.release);
      const result = inWindow.slice((page - 1) * size, page * size).map((r) => ({
        execution_id: r.id,
        state: "succeeded",
        operator: "ops",
        start_time: `${r.date} 10:00:00`,
        release_id: r.release,
      }));
      return spec.schema.parse({ result, total_num: inWindow.length });
    },
  };
  return { deploy: codeartsDeploy(client as unknown as CodeArtsClient), calls };
}

const rid = (n: number) => `r${String(n).padStart(31, "0")}`;

/** `perDay[i]` records on day `to − i`, release numbers increasing with time. */
function recordsByDay(to: string, perDay: number[]): FakeRecord[] {
  const out: FakeRecord[] = [];
  let release = 0;
  for (let i = perDay.length - 1; i >= 0; i--) {
    for (let k = 0; k < (perDay[i] ?? 0); k++) out.push({ id: rid(++release), date: addDays(to, -i), release });
  }
  return out;
}

describe("listRecords stitches windows into newest-first pages", () => {
  const to = "2026-11-29";
  const from = addDays(to, -91);

  it("pages through 92 days with empty windows and several upstream pages inside one window", async () => {
    // 25 records in the newest window (3 upstream pages of 10), nothing in the second, 1 on the window edge
    // (exactly 30 days back), nothing in the third, 4 on the oldest day.
    const perDay = Array<number>(92).fill(0);
    perDay[0] = 20;
    perDay[5] = 5;
    perDay[60] = 1;
    perDay[91] = 4;
    const records = recordsByDay(to, perDay);
    const { deploy, calls } = fakeHistory(records);
    const newestFirst = [...records].sort((a, b) => b.release - a.release).map((r) => r.id);

    const pages: string[][] = [];
    for (let page = 1; page <= 3; page++) {
      const p = await deploy.listRecords({ taskId: "t".repeat(32), from, to, page, size: 10 });
      expect(p.total).toBe(30);
      pages.push(p.items.map((r) => r.recordId));
    }
    expect(pages.flat()).toEqual(newestFirst);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 10]);
    for (const c of calls) expect(daysBetween(c.start, c.end)).toBeLessThanOrEqual(30);
    // The third console page reads upstream page 3 of the newest window (more than one page in a window).
    expect(calls.some((c) => c.end === to && c.page === 3)).toBe(true);
  });

  it("puts a record dated exactly on a window boundary in exactly one window", async () => {
    const windows = historyWindows(from, to);
    const edge = windows[0]!.start; // the oldest day of the newest window
    const before = addDays(edge, -1); // the newest day of the next window
    const records: FakeRecord[] = [
      { id: rid(1), date: before, release: 1 },
      { id: rid(2), date: edge, release: 2 },
    ];
    const { deploy } = fakeHistory(records);
    const p = await deploy.listRecords({ taskId: "t".repeat(32), from, to, page: 1, size: 10 });
    expect(p.items.map((r) => r.recordId)).toEqual([rid(2), rid(1)]);
    expect(p.total).toBe(2);
  });

  it("answers an empty page when the whole range is empty", async () => {
    const { deploy } = fakeHistory([]);
    const p = await deploy.listRecords({ taskId: "t".repeat(32), from, to, page: 1, size: 10 });
    expect(p).toMatchObject({ items: [], total: 0, from, to });
  });
});

describe("release # of rollback targets", () => {
  afterEach(() => vi.useRealTimers());

  it("is found in the retention with at most one call per window, then cached", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-29T04:00:00Z")); // 12:00 at the upstream clock (UTC+8)
    const perDay = Array<number>(92).fill(0);
    perDay[0] = 3;
    perDay[45] = 2;
    const records = recordsByDay("2026-11-29", perDay);
    const { deploy, calls } = fakeHistory(records);
    const old = records[0]!; // the oldest: in the second window
    const found = await deploy.releaseIdsOf({ taskId: "t".repeat(32), recordIds: [old.id, "x".repeat(32)] });
    expect(found.get(old.id)).toBe(old.release);
    expect(found.has("x".repeat(32))).toBe(false);
    expect(calls.length).toBeLessThanOrEqual(4);
    const n = calls.length;
    // Known ids and recent misses cost no further calls.
    await deploy.releaseIdsOf({ taskId: "t".repeat(32), recordIds: [old.id, "x".repeat(32)] });
    expect(calls.length).toBe(n);
  });
});

// ---- The ledger's facts on history rows

const row = (recordId: string, releaseId: number | null): RecordSummary => ({
  recordId,
  releaseId,
  state: "succeeded",
  operator: null,
  startTime: null,
  endTime: null,
  duration: null,
  type: null,
});

describe("withLedgerFacts", () => {
  const a = row(rid(3), 3);
  const b = row(rid(2), 2);
  const c = row(rid(1), null);
  const origins = new Map<string, LedgerOrigin>([
    [a.recordId, { action: "rollback", reason: "bad release 2", targetRecordId: rid(1), startedBy: { name: "Ada", email: "ada@example.com" } }],
    [b.recordId, { action: "start", reason: "weekly release", targetRecordId: null, startedBy: { name: null, email: "bo@example.com" } }],
    [c.recordId, { action: "rollback", reason: null, targetRecordId: rid(9), startedBy: { name: "Cy", email: null } }],
  ]);

  it("adds the reason and the rollback target with its release # from the page or the lookup", () => {
    const out = withLedgerFacts([a, b, c], origins, new Map([[rid(1), 1]]));
    expect(out.map((r) => [r.reason, r.rollbackOf])).toEqual([
      ["bad release 2", { recordId: rid(1), releaseId: 1 }],
      ["weekly release", null],
      [null, { recordId: rid(9), releaseId: null }],
    ]);
    expect(out.map((r) => r.startedBy?.name ?? r.startedBy?.email)).toEqual(["Ada", "bo@example.com", "Cy"]);
  });

  // rid(1) as the console did not start it (a pipeline run, say): not in the ledger.
  const onlyA = new Map([[a.recordId, origins.get(a.recordId)!]]);

  it("prefers the release # on the page, and gives nulls to records the console did not start", () => {
    const out = withLedgerFacts([a, row(rid(1), 1)], onlyA, new Map([[rid(1), 99]]));
    expect(out[0]?.rollbackOf).toEqual({ recordId: rid(1), releaseId: 1 });
    expect(out[1]).toMatchObject({ reason: null, rollbackOf: null, startedBy: null });
  });

  it("asks the history only for targets not on the page", () => {
    expect(targetsToResolve([a, b, c], origins)).toEqual([rid(1), rid(9)]);
    expect(targetsToResolve([a, row(rid(1), 1)], onlyA)).toEqual([]);
    expect(targetsToResolve([b], origins)).toEqual([]);
  });
});
