import { describe, expect, it } from "vitest";
import { freezeWindowBodySchema, type FreezeSchedule } from "../schemas/freeze-windows";
import { cronProblem } from "./cron";
import { nextOccurrences, occurrenceAt, occurrencesBetween } from "./freeze";
import { instantOf, isTimeZone, wallOf } from "./wall-clock";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const span = (o: { from: number; to: number }) => [iso(o.from), iso(o.to)];
const win = (timeZone: string, schedule: FreezeSchedule) => ({ timeZone, schedule });
const HOUR = 3_600_000;

describe("wall clock", () => {
  it("reads an instant in the zone and back", () => {
    const t = at("2026-07-01T10:15:00Z");
    expect(iso(wallOf(t, "Europe/Berlin"))).toBe("2026-07-01T12:15:00.000Z");
    expect(iso(wallOf(t, "Asia/Shanghai"))).toBe("2026-07-01T18:15:00.000Z");
    expect(iso(instantOf(at("2026-07-01T12:15:00Z"), "Europe/Berlin", "start"))).toBe("2026-07-01T10:15:00.000Z");
  });

  it("resolves the reading spring-forward skips to the first instant after the gap (Berlin, 2026-03-29 02:30)", () => {
    expect(iso(instantOf(at("2026-03-29T02:30:00Z"), "Europe/Berlin", "start"))).toBe("2026-03-29T01:00:00.000Z");
    expect(iso(instantOf(at("2026-03-29T02:30:00Z"), "Europe/Berlin", "end"))).toBe("2026-03-29T01:00:00.000Z");
  });

  it("resolves a reading autumn repeats to its first instant for a start and its second for an end (Berlin, 2026-10-25 02:30)", () => {
    expect(iso(instantOf(at("2026-10-25T02:30:00Z"), "Europe/Berlin", "start"))).toBe("2026-10-25T00:30:00.000Z");
    expect(iso(instantOf(at("2026-10-25T02:30:00Z"), "Europe/Berlin", "end"))).toBe("2026-10-25T01:30:00.000Z");
  });

  it("knows IANA zones and refuses offsets and nonsense", () => {
    expect(isTimeZone("Asia/Shanghai")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("+08:00")).toBe(false);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});

describe("weekly windows across DST", () => {
  // Europe/Berlin leaves CET for CEST on 2026-03-29 and returns on 2026-10-25.
  const weekend = win("Europe/Berlin", { kind: "weekly", days: ["fri"], start: "18:00", end: "08:00", endDayOffset: 3 });

  it("Fri 18:00 → Mon 08:00 Berlin over the spring change lasts 61 h", () => {
    const [o] = occurrencesBetween(weekend, at("2026-03-27T00:00:00Z"), at("2026-03-28T00:00:00Z"));
    expect(span(o!)).toEqual(["2026-03-27T17:00:00.000Z", "2026-03-30T06:00:00.000Z"]);
    expect((o!.to - o!.from) / HOUR).toBe(61);
  });

  it("the same weekend in summer is 62 h, an hour earlier in UTC", () => {
    const [o] = occurrencesBetween(weekend, at("2026-07-03T00:00:00Z"), at("2026-07-04T00:00:00Z"));
    expect(span(o!)).toEqual(["2026-07-03T16:00:00.000Z", "2026-07-06T06:00:00.000Z"]);
  });

  it("a 20:00–06:00 night over the autumn change lasts 11 h in Berlin, 10 h in Shanghai (no DST)", () => {
    const nights: FreezeSchedule = { kind: "weekly", days: ["sat"], start: "20:00", end: "06:00" };
    const [berlin] = occurrencesBetween(win("Europe/Berlin", nights), at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z"));
    expect(span(berlin!)).toEqual(["2026-10-24T18:00:00.000Z", "2026-10-25T05:00:00.000Z"]);
    const [shanghai] = occurrencesBetween(win("Asia/Shanghai", nights), at("2026-10-24T00:00:00Z"), at("2026-10-25T12:00:00Z"));
    expect(span(shanghai!)).toEqual(["2026-10-24T12:00:00.000Z", "2026-10-24T22:00:00.000Z"]);
    const [march] = occurrencesBetween(win("Asia/Shanghai", nights), at("2026-03-28T00:00:00Z"), at("2026-03-29T12:00:00Z"));
    expect((march!.to - march!.from) / HOUR).toBe(10);
  });

  it("an opening in the spring gap opens at 03:00 CEST", () => {
    const w = win("Europe/Berlin", { kind: "weekly", days: ["sun"], start: "02:30", end: "04:00" });
    const [o] = occurrencesBetween(w, at("2026-03-29T00:00:00Z"), at("2026-03-29T12:00:00Z"));
    expect(span(o!)).toEqual(["2026-03-29T01:00:00.000Z", "2026-03-29T02:00:00.000Z"]);
  });

  it("00:00–00:00 is the whole day; overlapping openings are one occurrence", () => {
    const day = win("UTC", { kind: "weekly", days: ["wed"], start: "00:00", end: "00:00" });
    expect(occurrencesBetween(day, at("2026-12-09T05:00:00Z"), at("2026-12-09T06:00:00Z")).map(span)).toEqual([
      ["2026-12-09T00:00:00.000Z", "2026-12-10T00:00:00.000Z"],
    ]);
    const overlapping = win("UTC", { kind: "weekly", days: ["mon", "tue"], start: "09:00", end: "09:00", endDayOffset: 2 });
    expect(occurrencesBetween(overlapping, at("2026-12-07T10:00:00Z"), at("2026-12-07T11:00:00Z")).map(span)).toEqual([
      ["2026-12-07T09:00:00.000Z", "2026-12-10T09:00:00.000Z"],
    ]);
  });
});

describe("cron windows", () => {
  const nightly = win("Europe/Berlin", { kind: "cron", cron: "0 2 * * *", durationMinutes: 60 });

  it("fire at the zone's wall-clock time: 02:00 is skipped on 2026-03-29 (opens 03:00 CEST) and read once on 2026-10-25", () => {
    expect(occurrencesBetween(nightly, at("2026-03-28T12:00:00Z"), at("2026-03-29T12:00:00Z")).map(span)).toEqual([
      ["2026-03-29T01:00:00.000Z", "2026-03-29T02:00:00.000Z"],
    ]);
    expect(occurrencesBetween(nightly, at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z")).map(span)).toEqual([
      ["2026-10-25T00:00:00.000Z", "2026-10-25T01:00:00.000Z"],
    ]);
  });

  it("Shanghai: 18:00 on weekdays, 14 hours", () => {
    const w = win("Asia/Shanghai", { kind: "cron", cron: "0 18 * * 1-5", durationMinutes: 14 * 60 });
    expect(span(occurrenceAt(w, at("2026-12-08T15:00:00Z"))!)).toEqual(["2026-12-08T10:00:00.000Z", "2026-12-09T00:00:00.000Z"]);
    expect(occurrenceAt(w, at("2026-12-06T03:00:00Z"))).toBeNull(); // a Sunday
  });

  it("refuses what cannot open a window, naming why", () => {
    expect(cronProblem("0 2 * * *")).toBeNull();
    expect(cronProblem("0 2 * *")).toMatch(/5 fields/);
    expect(cronProblem("*/5 2 * * *")).toMatch(/one minute/);
    expect(cronProblem("H 2 * * *")).toMatch(/H/);
    expect(cronProblem("0 25 * * *")).toMatch(/valid cron/);
  });
});

describe("one-off windows and the next occurrences", () => {
  it("a one-off window is in force between its instants only", () => {
    const w = win("Asia/Shanghai", { kind: "once", from: "2026-11-27T00:00:00.000Z", to: "2026-11-30T16:00:00.000Z" });
    expect(occurrenceAt(w, at("2026-11-28T00:00:00Z"))).not.toBeNull();
    expect(occurrenceAt(w, at("2026-11-30T16:00:00Z"))).toBeNull();
    expect(nextOccurrences(w, at("2026-12-01T00:00:00Z"), 3)).toEqual([]);
  });

  it("lists the next openings, the one in force first", () => {
    const w = win("UTC", { kind: "weekly", days: ["mon", "thu"], start: "22:00", end: "23:00" });
    expect(nextOccurrences(w, at("2026-12-07T22:30:00Z"), 3).map(span)).toEqual([
      ["2026-12-07T22:00:00.000Z", "2026-12-07T23:00:00.000Z"],
      ["2026-12-10T22:00:00.000Z", "2026-12-10T23:00:00.000Z"],
      ["2026-12-14T22:00:00.000Z", "2026-12-14T23:00:00.000Z"],
    ]);
    const leap = win("UTC", { kind: "cron", cron: "0 0 29 2 *", durationMinutes: 60 });
    expect(nextOccurrences(leap, at("2026-12-06T00:00:00Z"), 1)).toEqual([]);
    expect(nextOccurrences(leap, at("2026-12-06T00:00:00Z"), 1, 4 * 366 * 24 * HOUR).map(span)).toEqual([
      ["2028-02-29T00:00:00.000Z", "2028-02-29T01:00:00.000Z"],
    ]);
  });
});

describe("the window body", () => {
  const base = { name: "Release freeze", timeZone: "Europe/Berlin", scope: { kind: "all" } };
  const problems = (body: unknown) => freezeWindowBodySchema.safeParse(body).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

  it("takes a one-off window in any offset, kept in UTC, rollbacks allowed by default", () => {
    const out = freezeWindowBodySchema.parse({ ...base, schedule: { kind: "once", from: "2026-12-24T00:00:00+01:00", to: "2026-12-27T00:00:00+01:00" } });
    expect(out.schedule).toEqual({ kind: "once", from: "2026-12-23T23:00:00.000Z", to: "2026-12-26T23:00:00.000Z" });
    expect(out.rollbacksAllowed).toBe(true);
  });

  it("names the field of a window that ends before it starts, a bad zone, a bad cron", () => {
    expect(problems({ ...base, schedule: { kind: "once", from: "2026-12-27T00:00:00Z", to: "2026-12-24T00:00:00Z" } })).toEqual([
      "schedule.to: must be after from",
    ]);
    expect(problems({ ...base, timeZone: "+08:00", schedule: { kind: "weekly", days: ["fri"], start: "18:00", end: "20:00" } })).toEqual([
      "timeZone: must be an IANA time zone such as Europe/Berlin",
    ]);
    expect(problems({ ...base, schedule: { kind: "cron", cron: "every friday", durationMinutes: 60 } })[0]).toMatch(/^schedule.cron: must have 5 fields/);
    expect(problems({ ...base, schedule: { kind: "weekly", days: ["fri"], start: "18:00", end: "08:00", endDayOffset: 0 } })).toEqual([
      "schedule.end: must be after start when endDayOffset is 0",
    ]);
    expect(problems({ ...base, schedule: { kind: "weekly", days: [], start: "24:00", end: "08:00" } })).toHaveLength(2);
  });
});
