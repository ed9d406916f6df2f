import { describe, expect, it } from "vitest";
import { startDeployBodySchema } from "../lib/schemas/deploy";
import { CliError, EXIT } from "./exit-codes";
import { baseRows, checkBody, checkParamArgs, mergeParams, parseAssignment } from "./params";
import { task } from "./testing/fixtures";

const rows = () => baseRows(task().params, null);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof CliError) return [err.exitCode, err.code];
    throw err;
  }
  return null;
};

describe("parseAssignment", () => {
  it.each([
    ["image_tag=v2", ["image_tag", "v2"]],
    ["jvm_opts=-Dx=1 -Dy=2", ["jvm_opts", "-Dx=1 -Dy=2"]],
    ["empty=", ["empty", ""]],
  ])("%s", (raw, parsed) => expect(parseAssignment(raw)).toEqual(parsed));

  it.each(["novalue", "=v", ""])("refuses %j as a usage error", (raw) => expect(codeOf(() => parseAssignment(raw))).toEqual([EXIT.usage, "invalid_parameter"]));
});

describe("mergeParams", () => {
  it("keeps the task's current rows, replaces the -p values, keeps the stored secret", () => {
    expect(mergeParams(rows(), [["image_tag", "v2.7.1"]], new Map())).toEqual({
      params: [
        { key: "image_tag", type: "text", value: "v2.7.1" },
        { key: "log_level", type: "enum", value: "info" },
      ],
      keep_secrets: ["db_password"],
    });
  });

  it("sends a --secret value instead of keeping the stored one", () => {
    const body = mergeParams(rows(), [], new Map([["db_password", "s3cret"]]));
    expect(body.params).toContainEqual({ key: "db_password", type: "encrypt", value: "s3cret" });
    expect(body.keep_secrets).toBeUndefined();
  });

  it("starts a rollback from the target record's rows (its secrets kept), not the task's", () => {
    const record = [
      { name: "image_tag", type: "text", value: "v0.9.0", secret: false },
      { name: "db_password", type: "encrypt", value: null, secret: true },
    ];
    expect(mergeParams(baseRows(task().params, record), [], new Map())).toEqual({
      params: [{ key: "image_tag", type: "text", value: "v0.9.0" }],
      keep_secrets: ["db_password"],
    });
  });

  it.each([
    { assignments: [["nope", "x"]], secrets: [], code: "unknown_parameter" },
    { assignments: [], secrets: ["nope"], code: "unknown_parameter" },
    { assignments: [["db_password", "x"]], secrets: [], code: "secret_parameter" },
    { assignments: [], secrets: ["image_tag"], code: "not_a_secret" },
    {
      assignments: [
        ["image_tag", "a"],
        ["image_tag", "b"],
      ],
      secrets: [],
      code: "duplicate_parameter",
    },
  ] as const)("refuses $code before anything is sent", ({ assignments, secrets, code }) => {
    expect(codeOf(() => checkParamArgs(rows(), assignments as never, secrets))).toEqual([EXIT.usage, code]);
  });

  it("names the task's parameters when a key is unknown", () => {
    expect(() => checkParamArgs(rows(), [["imagetag", "x"]], [])).toThrow("its parameters are image_tag, log_level, db_password");
  });
});

describe("checkBody", () => {
  it("refuses what the route would refuse, naming the parameter by its key", () => {
    const body = { params: [{ key: "image_tag", type: "text" as const, value: "{{ 7*7 }}" }] };
    try {
      checkBody(startDeployBodySchema, body, "start");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CliError);
      const e = err as CliError;
      expect(e.exitCode).toBe(EXIT.usage);
      expect(e.detail.issues).toEqual([{ path: ["parameter image_tag (value)"], message: "values must not contain {{, {% or {#" }]);
    }
  });

  it("a rollback without --reason is a usage error", () => {
    const e = (() => {
      try {
        checkBody(startDeployBodySchema, { params: [], record_id: "0123456789abcdef0123456789abcdef" }, "rollback");
      } catch (err) {
        return err as CliError;
      }
    })();
    expect(e?.detail.issues).toEqual([{ path: ["reason"], message: "a rollback (and a freeze override) needs --reason" }]);
  });
});
