import { describe, expect, it } from "vitest";
import { MAX_WINDOW_SPAN_DAYS, historyWindows, planPages } from "./history";
import { daysBetween } from "./time";

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
