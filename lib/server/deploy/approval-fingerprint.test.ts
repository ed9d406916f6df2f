import { describe, expect, it } from "vitest";
import { canonicalRequest, requestDifferences, requestFingerprint } from "./approval-fingerprint";

const SECRET = "approval-unit-test-secret";
const TASK = "a".repeat(32);
const base = {
  params: [
    { key: "image_tag", value: "v1", type: "text" },
    { key: "db_password", value: "s3cret", type: "encrypt" },
    { key: "region", value: "cn-north-4", type: "enum" },
  ],
  keep_secrets: ["api_token"],
  record_id: "r".repeat(32),
  trigger_source: "0" as "0" | "1",
};
const canon = (body: Parameters<typeof canonicalRequest>[0]) => canonicalRequest(body, SECRET);
const fp = (body: Parameters<typeof canonicalRequest>[0]) => requestFingerprint(TASK, canon(body), SECRET);

describe("approval fingerprint", () => {
  it("keeps no secret in clear and ignores the order of rows and kept secrets", () => {
    const c = canon(base);
    expect(JSON.stringify(c)).not.toContain("s3cret");
    expect(c.params.find((p) => p.key === "db_password")?.value).toMatch(/^hmac:[0-9a-f]{64}$/);
    expect(fp({ ...base, params: [...base.params].reverse() })).toBe(fp(base));
    expect(fp(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("differs with the task, any value, the target, trigger_source and the secret key", () => {
    const f = fp(base);
    expect(requestFingerprint("b".repeat(32), canon(base), SECRET)).not.toBe(f);
    expect(fp({ ...base, record_id: undefined })).not.toBe(f);
    expect(fp({ ...base, trigger_source: "1" })).not.toBe(f);
    expect(requestFingerprint(TASK, canonicalRequest(base, "other-secret"), "other-secret")).not.toBe(f);
  });
});

describe("approval differences", () => {
  const rows = (over: Partial<typeof base>) => requestDifferences(canon(base), canon({ ...base, ...over }));

  it("none for the same request typed again (the secret retyped, rows in another order)", () => {
    expect(rows({ params: [...base.params].reverse() })).toEqual([]);
  });

  it.each([
    [
      "a changed text value (shown)",
      { params: base.params.map((p) => (p.key === "image_tag" ? { ...p, value: "v2" } : p)) },
      [{ field: "param", key: "image_tag", change: "value", approved: "v1", sent: "v2" }],
    ],
    [
      "a retyped secret that differs (never shown)",
      { params: base.params.map((p) => (p.key === "db_password" ? { ...p, value: "other" } : p)) },
      [{ field: "param", key: "db_password", change: "value", approved: null, sent: null }],
    ],
    [
      "an added and a removed row",
      { params: [...base.params.filter((p) => p.key !== "region"), { key: "extra", value: "x", type: "text" }] },
      [
        { field: "param", key: "extra", change: "added", approved: null, sent: "x" },
        { field: "param", key: "region", change: "removed", approved: "cn-north-4", sent: null },
      ],
    ],
    [
      "a type change",
      { params: base.params.map((p) => (p.key === "region" ? { ...p, type: "text" } : p)) },
      [{ field: "param", key: "region", change: "type", approved: "cn-north-4", sent: "cn-north-4" }],
    ],
    [
      "a kept secret sent as a value instead",
      { keep_secrets: [], params: [...base.params, { key: "api_token", value: "t", type: "encrypt" }] },
      [{ field: "param", key: "api_token", change: "value", approved: null, sent: null }],
    ],
    [
      "another target and trigger_source",
      { record_id: "q".repeat(32), trigger_source: "1" as const },
      [
        { field: "record_id", key: null, change: "value", approved: "r".repeat(32), sent: "q".repeat(32) },
        { field: "trigger_source", key: null, change: "value", approved: "0", sent: "1" },
      ],
    ],
  ])("%s", (_, over, expected) => {
    expect(rows(over)).toEqual(expected);
  });
});
