/** The reconciler's matching of open requested rows against the task's upstream history (pure). */
import { describe, expect, it } from "vitest";
import { candidates, decide, needsParamCheck, paramsMatch, type MatchWindow, type PendingStart } from "./match";
import type { UpstreamRecord } from "../../codearts/records";

const W: MatchWindow = { toleranceMs: 120_000, graceMs: 40_000 };
const AT = "2026-03-01T10:00:00.500Z";
const t = (offsetMs: number) => new Date(Date.parse(AT) + offsetMs).toISOString();
const rec = (id: string, offsetMs: number, over: Partial<UpstreamRecord> = {}): UpstreamRecord => ({
  recordId: id,
  startTime: t(offsetMs),
  operator: "console",
  type: "deploy",
  state: "running",
  ...over,
});
const start = (over: Partial<PendingStart> = {}): PendingStart => ({ at: AT, action: "start", params: [], ...over });

describe("candidates", () => {
  it("keeps unclaimed records around the request, closest first", () => {
    const records = [rec("late", 30_000), rec("near", 1_000), rec("early", -60_000), rec("too-early", -200_000), rec("too-late", 200_000)];
    expect(candidates(start(), records, new Set(), W).map((r) => r.recordId)).toEqual(["near", "late", "early"]);
  });

  it("accepts a record stamped in the same second, before the request's milliseconds", () => {
    expect(candidates(start(), [rec("same-second", -500)], new Set(), W)).toHaveLength(1);
  });

  it("skips records other ledger rows claim, and learns the console's operator from them", () => {
    const records = [rec("mine-before", -30_000), rec("by-a-person", 2_000, { operator: "zhang.wei" }), rec("ours", 3_000)];
    expect(candidates(start(), records, new Set(["mine-before"]), W).map((r) => r.recordId)).toEqual(["ours"]);
    // Without a claimed record to learn from, the operator is not filtered on.
    expect(candidates(start(), records.slice(1), new Set(), W).map((r) => r.recordId)).toEqual(["by-a-person", "ours"]);
  });

  it("tells a rollback from a deploy when the cloud says which", () => {
    const records = [rec("deploy", 1_000), rec("rollback", 2_000, { type: "rollback" }), rec("unknown", 3_000, { type: null })];
    expect(candidates(start({ action: "rollback" }), records, new Set(), W).map((r) => r.recordId)).toEqual(["rollback", "unknown"]);
    expect(candidates(start(), records, new Set(), W).map((r) => r.recordId)).toEqual(["deploy", "unknown"]);
  });

  it("ignores records without a start time", () => {
    expect(candidates(start(), [rec("x", 0, { startTime: null })], new Set(), W)).toEqual([]);
  });
});

describe("paramsMatch", () => {
  const requested = [
    { key: "image_tag", type: "text", value: "v2" },
    { key: "replicas", type: "text", value: "3" },
    { key: "db_password", type: "encrypt", value: "hmac:ab" },
  ];
  it("compares the non-secret values; secrets are blank upstream", () => {
    const recorded = [
      { name: "image_tag", type: "text", value: "v2", secret: false },
      { name: "replicas", type: "text", value: "3", secret: false },
      { name: "db_password", type: "encrypt", value: null, secret: true },
      { name: "extra", type: "text", value: "x", secret: false },
    ];
    expect(paramsMatch(requested, recorded)).toBe(true);
    expect(
      paramsMatch(
        requested,
        recorded.map((p) => (p.name === "image_tag" ? { ...p, value: "v1" } : p)),
      ),
    ).toBe(false);
    expect(
      paramsMatch(
        requested,
        recorded.filter((p) => p.name !== "replicas"),
      ),
    ).toBe(false);
  });
  it("needs no parameter check when only secrets were sent", () => {
    expect(needsParamCheck(start({ params: [requested[2]!] }))).toBe(false);
    expect(needsParamCheck(start({ params: requested }))).toBe(true);
  });
});

describe("decide", () => {
  it("started with a match; otherwise waits out the grace period before 'not started'", () => {
    expect(decide(start(), "r1", Date.parse(AT), W)).toEqual({ kind: "started", recordId: "r1" });
    expect(decide(start(), null, Date.parse(AT) + W.graceMs - 1, W)).toEqual({ kind: "wait" });
    expect(decide(start(), null, Date.parse(AT) + W.graceMs + 1, W)).toEqual({ kind: "not_started" });
  });
});
