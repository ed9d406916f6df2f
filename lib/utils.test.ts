import { describe, expect, it } from "vitest";
import { durationText, formatElapsed, formatInstant, localizeLogTimes, offsetLabel, safeCallbackPath, signInHref } from "@/lib/utils";

describe("safeCallbackPath", () => {
  const origin = "https://console.example.com";
  it.each([
    ["a page of this console", "/tasks/abc?x=1#log", "/tasks/abc?x=1#log"],
    ["an absolute URL on this origin", "https://console.example.com/admin", "/admin"],
    ["nothing", null, "/apps"],
    ["an empty value", "", "/apps"],
    ["another origin", "https://evil.example/apps", "/apps"],
    ["a protocol-relative URL", "//evil.example/apps", "/apps"],
    ["a backslash trick", "/\\evil.example/apps", "/apps"],
    ["a javascript: URL", "javascript:alert(1)", "/apps"],
    ["the same host over http", "http://console.example.com/apps?q=1", "/apps"],
    ["the sign-in page itself", "/sign-in?callbackUrl=%2Fapps", "/apps"],
    ["an API route", "/api/me", "/apps"],
    ["a relative path", "admin", "/admin"],
  ])("%s", (_, raw, expected) => {
    expect(safeCallbackPath(raw, origin)).toBe(expected);
  });
});

describe("signInHref", () => {
  it("carries the way back, encoded", () => {
    expect(signInHref("/tasks/a?b=c&d=e")).toBe("/sign-in?callbackUrl=%2Ftasks%2Fa%3Fb%3Dc%26d%3De");
  });
});

describe("formatInstant", () => {
  const DATE_TIME: Intl.DateTimeFormatOptions = {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  };
  // Midnight, noon, single digits, year ends, a leap day, the US and EU daylight-saving changes of 2026, far past
  // and future; in whatever zone the tests run.
  const instants = [
    "2026-11-30T00:00:00Z",
    "2026-11-30T12:00:00Z",
    "2026-01-02T03:04:05Z",
    "2025-12-31T23:59:59Z",
    "2024-02-29T16:30:09Z",
    "2026-03-08T09:59:59Z",
    "2026-03-29T01:00:00Z",
    "2026-10-25T00:59:59Z",
    "1999-07-04T18:00:00.500Z",
    "2099-06-15T07:08:09Z",
  ];

  it.each(["en", "zh-CN"])("%s: what Intl.DateTimeFormat gives, in the local zone and in UTC", (locale) => {
    const local = new Intl.DateTimeFormat(locale, DATE_TIME);
    const utc = new Intl.DateTimeFormat(locale, { ...DATE_TIME, timeZone: "UTC" });
    for (const iso of instants) {
      const d = new Date(iso);
      // The zone as Intl names it ("GMT+8", "GMT" for UTC), written UTC±h.
      const zone = new Intl.DateTimeFormat("en", { timeZoneName: "shortOffset" })
        .formatToParts(d)
        .find((p) => p.type === "timeZoneName")!
        .value.replace("GMT", "UTC")
        .replace("-", "−")
        .replace(/^UTC\+0$/, "UTC");
      expect(formatInstant(iso, locale)).toEqual({ local: `${local.format(d)} ${zone}`, utc: `${utc.format(d)} UTC` });
    }
  });

  it("nothing for a missing or unparseable value", () => {
    expect([formatInstant(null, "en"), formatInstant("", "en"), formatInstant("yesterday", "en")]).toEqual([null, null, null]);
  });
});

describe("one duration format", () => {
  it.each([
    ["00:00:06", "0:06"],
    ["00:12:34", "12:34"],
    ["01:02:03", "1:02:03"],
    ["100:00:00", "100:00:00"],
    ["", null],
    [null, null],
    ["6s", "6s"], // not the cloud's format: shown as it came
  ] as const)("the cloud's %j reads %j, as the console's own elapsed times do", (cloud, shown) => {
    expect(durationText(cloud)).toBe(shown);
  });

  it("is the format of the record page's own durations", () => {
    expect(durationText("00:00:06")).toBe(formatElapsed(6_000));
    expect(durationText("01:02:03")).toBe(formatElapsed(3_723_000));
  });
});

describe("zones are visible", () => {
  it.each([
    [0, "UTC"],
    [480, "UTC+8"],
    [-300, "UTC−5"],
    [330, "UTC+5:30"],
    [-570, "UTC−9:30"],
  ])("offset %i reads %s", (minutes, label) => {
    expect(offsetLabel(minutes)).toBe(label);
  });
});

describe("log times in the viewer's zone", () => {
  // What the cloud writes at 2026-12-06T03:04:05Z, in its zone (+08:00), is this instant in the viewer's zone.
  const local = (iso: string) => {
    const t = new Date(iso);
    const p = (n: number) => String(n).padStart(2, "0");
    return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())} ${p(t.getHours())}:${p(t.getMinutes())}:${p(t.getSeconds())}`;
  };
  it("converts timestamps that begin a line, bracketed or not, keeping the rest", () => {
    const text = "[2026-12-06 11:04:05] [INFO] Job started\n2026-12-06 08:00:00.123 step done\n";
    expect(localizeLogTimes(text, 480)).toBe(`[${local("2026-12-06T03:04:05Z")}] [INFO] Job started\n${local("2026-12-06T00:00:00Z")}.123 step done\n`);
  });
  it("crosses the date line and leaves other dates alone", () => {
    expect(localizeLogTimes("[2026-01-01 02:00:00] x", 480)).toBe(`[${local("2025-12-31T18:00:00Z")}] x`);
    expect(localizeLogTimes("built at 2026-12-06 11:04:05\n", 480)).toBe("built at 2026-12-06 11:04:05\n");
    expect(localizeLogTimes("[2026-13-40 99:00:00] nonsense", 480)).toBe("[2026-13-40 99:00:00] nonsense");
  });
});
