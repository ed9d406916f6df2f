import { describe, expect, it } from "vitest";
import { auditExportHref } from "@/lib/queries/audit";
import { isDay, localDayStart, readAuditUrl, toApiFilters } from "./audit-url";

const TASK = "0123456789abcdefghijklmnopqrstuv";
const url = (qs: string) => readAuditUrl(new URLSearchParams(qs));

describe("readAuditUrl", () => {
  it("reads every filter and the page", () => {
    expect(url(`app=orders&task=${TASK}&user=ada&action=rollback&outcome=in_doubt&from=2025-03-01&to=2025-03-31&page=3`)).toEqual({
      app: "orders",
      task: TASK,
      user: "ada",
      action: "rollback",
      outcome: "in_doubt",
      from: "2025-03-01",
      to: "2025-03-31",
      page: 3,
      rejected: [],
    });
  });

  it.each([
    ["task=abc", "task", ""],
    [`task=${TASK.toUpperCase()}`, "task", ""],
    ["action=deploy", "action", ""],
    ["outcome=toString", "outcome", ""],
    ["from=2025-02-31", "from", ""],
    ["to=yesterday", "to", ""],
    ["page=-2", "page", 1],
    ["page=abc", "page", 1],
    [`app=${"x".repeat(256)}`, "app", ""],
    ["user=%20%20ada%20", "user", "ada"],
  ] as const)("%s → %s %j (what the API would refuse is not applied)", (qs, key, value) => {
    expect(url(qs)[key]).toBe(value);
  });

  it("lists every filter it could not apply, with the value as written (blank means no filter)", () => {
    expect(url("task=abc&action=deploy&from=2025-02-31&user=ada&app=%20&page=x").rejected).toEqual([
      { name: "task", value: "abc" },
      { name: "action", value: "deploy" },
      { name: "from", value: "2025-02-31" },
    ]);
    expect(url(`app=${"x".repeat(256)}`).rejected).toEqual([{ name: "app", value: "x".repeat(256) }]);
    expect(url("user=%20%20ada%20&outcome=started").rejected).toEqual([]);
  });
});

describe("day filters are local days", () => {
  it("knows real days", () => {
    expect(isDay("2024-02-29")).toBe(true);
    expect(isDay("2025-02-29")).toBe(false);
    expect(isDay("2025-1-01")).toBe(false);
  });

  it("starts a day at the local midnight, with the zone's offset", () => {
    const iso = localDayStart("2025-03-01");
    expect(iso).toMatch(/^2025-03-01T\d{2}:00:00[+-]\d{2}:\d{2}$/);
    expect(Date.parse(iso!)).toBe(new Date(2025, 2, 1).getTime());
  });

  it("ends `to` with the following local midnight (exclusive)", () => {
    const f = toApiFilters(url("from=2025-03-01&to=2025-03-31"));
    expect(Date.parse(f.from!)).toBe(new Date(2025, 2, 1).getTime());
    expect(Date.parse(f.to!)).toBe(new Date(2025, 3, 1).getTime());
  });

  it("crosses a month end", () => {
    expect(localDayStart("2025-12-31", 1)).toMatch(/^2026-01-01T/);
  });
});

describe("the CSV export asks for the list's filters", () => {
  it("carries every filter, encoded, and no paging", () => {
    const href = auditExportHref(toApiFilters(url(`app=a b&task=${TASK}&action=stop&from=2025-03-01&page=4`)));
    const u = new URL(href, "http://x");
    expect(u.pathname).toBe("/api/audit/export.csv");
    expect(u.searchParams.get("app")).toBe("a b");
    expect(u.searchParams.get("task")).toBe(TASK);
    expect(u.searchParams.get("action")).toBe("stop");
    expect(Date.parse(u.searchParams.get("from")!)).toBe(new Date(2025, 2, 1).getTime());
    expect(u.searchParams.has("page")).toBe(false);
    expect(u.searchParams.has("size")).toBe(false);
  });

  it("is the bare export without filters", () => {
    expect(auditExportHref(toApiFilters(url("")))).toBe("/api/audit/export.csv");
  });
});
