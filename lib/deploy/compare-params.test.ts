import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { LedgerParam } from "../schemas/ledger";
import type { RecordParam } from "../schemas/records";
import { compareParams, countChanges } from "./compare-params";

const fp = (v: string) => `hmac:${createHmac("sha256", "k").update(v).digest("hex")}`;
const text = (name: string, value: string): RecordParam => ({ name, type: "text", value, secret: false });
const secret = (name: string): RecordParam => ({ name, type: "encrypt", value: null, secret: true });

describe("compareParams", () => {
  it("reports changed, same, added and removed rows in the order of the start, removed last", () => {
    const rows = compareParams({
      params: [
        { key: "port", type: "text", value: "8081" },
        { key: "region", type: "text", value: "cn-north-4" },
        { key: "replicas", type: "text", value: "3" },
      ],
      keep: [],
      before: [text("port", "8080"), text("region", "cn-north-4"), text("debug", "true")],
      ledger: null,
      fingerprint: fp,
    });
    expect(rows.map((r) => [r.key, r.status, r.before, r.after])).toEqual([
      ["port", "changed", "8080", "8081"],
      ["region", "same", "cn-north-4", "cn-north-4"],
      ["replicas", "added", null, "3"],
      ["debug", "removed", "true", null],
    ]);
    expect(countChanges(rows)).toEqual({ changed: 1, same: 1, added: 1, removed: 1, kept: 0 });
  });

  it("compares secrets through the ledger's fingerprints and never returns their values", () => {
    const ledger = [
      { key: "pwd", type: "encrypt", value: fp("s3cret") },
      { key: "token", type: "encrypt", value: fp("old-token") },
    ];
    const rows = compareParams({
      params: [
        { key: "pwd", type: "encrypt", value: "s3cret" },
        { key: "token", type: "encrypt", value: "new-token" },
        { key: "api", type: "encrypt", value: "x" },
      ],
      keep: [],
      before: [secret("pwd"), secret("token"), secret("api")],
      ledger,
      fingerprint: fp,
    });
    expect(rows.map((r) => [r.key, r.status, r.secretStatus])).toEqual([
      ["pwd", "same", "unchanged"],
      ["token", "changed", "changed"],
      // The console did not send `api` last time: set outside the console.
      ["api", "changed", "unknown"],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/s3cret|new-token|old-token/);
  });

  it("says unknown for every secret when the console did not start the latest record", () => {
    const rows = compareParams({
      params: [{ key: "pwd", type: "encrypt", value: "s3cret" }],
      keep: [],
      before: [secret("pwd")],
      ledger: null,
      fingerprint: fp,
    });
    expect(rows[0]).toMatchObject({ status: "changed", secretStatus: "unknown", before: null, after: null });
  });

  // Issue 16 point 9: a kept secret read "same" in one diff and "changed" in another for the same choice.
  it.each([
    ["the console started the latest record without sending it", [] as LedgerParam[]],
    ["the console sent a typed one last time", [{ key: "pwd", type: "encrypt", value: fp("typed") }]],
    ["the latest record was started outside the console", null],
  ])("labels a kept secret one way whatever the latest record: %s", (_, ledger) => {
    const base = { params: [], keep: ["pwd"], before: [secret("pwd")], fingerprint: fp };
    expect(compareParams({ ...base, ledger })).toEqual([
      { key: "pwd", status: "kept", type: "encrypt", before: null, after: null, secret: true, secretStatus: "kept" },
    ]);
  });

  it("labels a kept secret the same when the latest record did not have it", () => {
    const rows = compareParams({ params: [], keep: ["pwd"], before: [], ledger: [], fingerprint: fp });
    expect(rows[0]).toMatchObject({ status: "kept", secretStatus: "kept" });
    expect(countChanges(rows)).toMatchObject({ kept: 1, added: 0, same: 0, changed: 0 });
  });

  it("marks a secret by either side's type and hides a removed secret's value", () => {
    const rows = compareParams({
      params: [{ key: "pwd", type: "text", value: "plain" }],
      keep: [],
      before: [secret("pwd"), secret("gone")],
      ledger: null,
      fingerprint: fp,
    });
    expect(rows).toEqual([
      { key: "pwd", status: "changed", type: "text", before: null, after: null, secret: true, secretStatus: "unknown" },
      { key: "gone", status: "removed", type: "encrypt", before: null, after: null, secret: true, secretStatus: null },
    ]);
  });

  it("treats an empty value and a blank one from the cloud alike", () => {
    const rows = compareParams({
      params: [{ key: "note", type: "text", value: "" }],
      keep: [],
      before: [{ name: "note", type: "text", value: null, secret: false }],
      ledger: null,
      fingerprint: fp,
    });
    expect(rows[0]?.status).toBe("same");
  });
});
