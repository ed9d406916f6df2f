import { describe, expect, it } from "vitest";
import { previewBodySchema, startDeployBodySchema, startFormSchema } from "./deploy";
import { ROW_ERROR } from "./param-rules";

const row = (key: string, value = "v", type = "text") => ({ key, value, type });
const issuesOf = (body: unknown) => {
  const r = startDeployBodySchema.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
};

describe("startDeployBodySchema", () => {
  it("accepts the seed's body", () => {
    expect(
      startDeployBodySchema.parse({
        params: [row("service_port", "8080")],
        record_id: "0123456789abcdef0123456789abcdef",
        trigger_source: "0",
        reason: "back to the last good release",
      }).params,
    ).toHaveLength(1);
    expect(startDeployBodySchema.parse({}).params).toEqual([]);
  });

  it.each([
    [{ params: [row("")] }, "params.0.key", ROW_ERROR.keyFormat],
    [{ params: [row("a".repeat(129))] }, "params.0.key", ROW_ERROR.keyFormat],
    [{ params: [row("has space")] }, "params.0.key", ROW_ERROR.keyFormat],
    [{ params: [row("ok"), row("v", "x".repeat(8193))] }, "params.1.value", ROW_ERROR.valueTooLong],
    [{ params: [row("t", "a {{ b")] }, "params.0.value", ROW_ERROR.valueTemplate],
    [{ params: [row("t", "{% if %}")] }, "params.0.value", ROW_ERROR.valueTemplate],
    [{ params: [row("t", "{# c #}")] }, "params.0.value", ROW_ERROR.valueTemplate],
    [{ params: [{ key: "k", value: "v" }] }, "params.0.type", ROW_ERROR.typeRequired],
    [{ params: [row("k", "v", "secret")] }, "params.0.type", ROW_ERROR.typeRequired],
    [{ params: [row("dup"), row("x"), row("dup")] }, "params.2.key", ROW_ERROR.keyDuplicate],
    [{ params: Array.from({ length: 501 }, (_, i) => row(`k${i}`)) }, "params", "too_many_rows"],
    [{ record_id: "NOT-AN-ID" }, "record_id", "must be 32 characters of 0-9 and a-z"],
    [{ trigger_source: 1 }, "trigger_source", 'Invalid option: expected one of "0"|"1"'],
    [{ extra: true }, "", 'Unrecognized key: "extra"'],
    // A rollback needs a reason (a blank one is no reason).
    [{ record_id: "0123456789abcdef0123456789abcdef" }, "reason", "reason_required"],
    [{ record_id: "0123456789abcdef0123456789abcdef", reason: "   " }, "reason", "reason_required"],
    [{ keep_secrets: ["pwd"], params: [row("pwd", "x", "encrypt")] }, "keep_secrets.0", ROW_ERROR.keepConflict],
    [{ keep_secrets: ["a", "a"] }, "keep_secrets.1", ROW_ERROR.keepConflict],
    [{ keep_secrets: ["bad key"] }, "keep_secrets.0", ROW_ERROR.keyFormat],
    // Characters no store keeps: U+0000 in a kept value, an unpaired surrogate in any value, either in the reason.
    [{ params: [row("t", "a\u0000b")] }, "params.0.value", ROW_ERROR.valueCharacters],
    [{ params: [row("e", "x\u0000", "enum")] }, "params.0.value", ROW_ERROR.valueCharacters],
    [{ params: [row("s", "\ud800", "encrypt")] }, "params.0.value", ROW_ERROR.valueCharacters],
    [{ params: [row("t", "x\udfffy")] }, "params.0.value", ROW_ERROR.valueCharacters],
    [{ reason: "r\u0000" }, "reason", "must not contain U+0000 or unpaired surrogate characters"],
    [{ reason: "\udc00" }, "reason", "must not contain U+0000 or unpaired surrogate characters"],
    [{ confirm_name: "shop\u0000" }, "confirm_name", "must not contain U+0000 or unpaired surrogate characters"],
  ])("rejects %#", (body, path, message) => {
    const issues = issuesOf(body);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]?.path).toBe(path);
    expect(issues[0]?.message).toBe(message);
  });

  it("lets an encrypt value hold U+0000 (sent to CodeArts, never stored) and a paired surrogate anywhere", () => {
    expect(issuesOf({ params: [row("pwd", "a\u0000b", "encrypt")] })).toEqual([]);
    expect(issuesOf({ params: [row("t", "deploy 🚀")], reason: "ship 🚀" })).toEqual([]);
  });

  it("accepts 500 rows and values of exactly 8192 characters", () => {
    expect(issuesOf({ params: Array.from({ length: 500 }, (_, i) => row(`k${i}`, "x".repeat(8192))) })).toEqual([]);
  });
});

describe("previewBodySchema", () => {
  it("takes the start's rows without the confirmation fields, and needs no reason for a rollback", () => {
    expect(previewBodySchema.safeParse({ params: [row("a")], record_id: "0123456789abcdef0123456789abcdef", keep_secrets: ["pwd"] }).success).toBe(true);
    expect(previewBodySchema.safeParse({ reason: "x" }).success).toBe(false);
  });
});

describe("startFormSchema", () => {
  it("needs a typed secret or an explicit keep, and turns kept rows into keep_secrets", () => {
    const empty = startFormSchema.safeParse({ params: [{ ...row("pwd", "", "encrypt"), keep: false }] });
    expect(empty.success ? [] : empty.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["params.0.value", ROW_ERROR.secretRequired]]);
    expect(
      startFormSchema.parse({
        params: [
          { ...row("pwd", "", "encrypt"), keep: true },
          { ...row("a", "1"), keep: false },
        ],
        record_id: "0123456789abcdef0123456789abcdef",
      }),
    ).toEqual({ params: [row("a", "1")], keep_secrets: ["pwd"], record_id: "0123456789abcdef0123456789abcdef" });
  });
});
