import { describe, expect, it } from "vitest";
import type { ParamDefinition } from "../schemas/tasks";
import { curlOf, deepLinkOf, originOf, parseDeepLink, prefillRows, REDACTED, rowsOfRecord } from "./prefill";

const def = (name: string, type: ParamDefinition["type"], value: string | null, source: ParamDefinition["source"] = "last_run"): ParamDefinition => ({
  name,
  type,
  value,
  source,
  options: [],
});
const ID = "0123456789abcdef0123456789abcdef";

describe("parseDeepLink", () => {
  it("reads p.KEY values, record, from and confirm; refuses ids that are not record ids", () => {
    const link = parseDeepLink(new URLSearchParams(`p.image_tag=v2&p.a.b=x%20y&record=${ID}&from=nope&confirm=1&other=1`));
    expect(link).toEqual({
      params: [
        ["image_tag", "v2"],
        ["a.b", "x y"],
      ],
      record: ID,
      from: null,
      confirm: true,
      badIds: ["nope"],
    });
  });
});

describe("prefillRows", () => {
  const definitions = [def("image_tag", "text", "v1"), def("pwd", "encrypt", null), def("env", "host_group", null, "step_reference")];

  it("starts from the last run, overlays my last run, keeps secrets stored", () => {
    const p = prefillRows({
      definitions,
      mine: {
        params: [
          { key: "image_tag", type: "text", value: "v7" },
          { key: "extra", type: "text", value: "1" },
        ],
        recordId: null,
        at: "",
      },
      record: null,
      link: [],
    });
    expect(p.rows).toEqual([
      { key: "image_tag", type: "text", value: "v7", keep: false },
      { key: "pwd", type: "encrypt", value: "", keep: true },
      { key: "env", type: "host_group", value: "", keep: false },
      { key: "extra", type: "text", value: "1", keep: false },
    ]);
    expect(Object.fromEntries(Object.entries(p.origins).map(([k, v]) => [k, v.origin]))).toEqual({
      image_tag: "my_last_run",
      pwd: "stored",
      env: "step",
      extra: "my_last_run",
    });
  });

  // Issue 16 point 8: a redeploy (`from=`, `confirm=1`) of a task with a secret landed on "type the secret again".
  it("takes a record's values, its secrets keeping the stored value as on a fresh task page", () => {
    const p = prefillRows({
      definitions,
      mine: { params: [{ key: "image_tag", type: "text", value: "v7" }], recordId: null, at: "" },
      record: [
        { name: "image_tag", type: "text", value: "v3", secret: false },
        { name: "pwd", type: "encrypt", value: null, secret: true },
      ],
      link: [],
    });
    expect(p.rows).toEqual([
      { key: "image_tag", type: "text", value: "v3", keep: false },
      { key: "pwd", type: "encrypt", value: "", keep: true },
    ]);
    expect(p.origins.image_tag?.origin).toBe("record");
    expect(p.origins.pwd?.origin).toBe("stored");
  });

  it("a rollback target's rows keep a secret already typed for the same key, and keep the stored value otherwise", () => {
    const record = [
      { name: "image_tag", type: "text", value: "v3", secret: false },
      { name: "pwd", type: "encrypt", value: null, secret: true },
      { name: "token", type: "text", value: null, secret: true },
      { name: "mode", type: "weird", value: "a", secret: false },
    ];
    expect(rowsOfRecord(record, new Map([["pwd", "typed-before"]]))).toEqual([
      { key: "image_tag", type: "text", value: "v3", keep: false },
      { key: "pwd", type: "encrypt", value: "typed-before", keep: false },
      { key: "token", type: "encrypt", value: "", keep: true },
      { key: "mode", type: "text", value: "a", keep: false },
    ]);
    expect(
      rowsOfRecord(record)
        .filter((r) => r.type === "encrypt")
        .map((r) => r.keep),
    ).toEqual([true, true]);
  });

  it("applies link values last, refuses secrets and bad keys, adds unknown keys as text", () => {
    const p = prefillRows({
      definitions,
      mine: null,
      record: null,
      link: [
        ["image_tag", "v9"],
        ["pwd", "hunter2"],
        ["bad key", "x"],
        ["new", "1"],
      ],
    });
    expect(p.rows.find((r) => r.key === "image_tag")).toEqual({ key: "image_tag", type: "text", value: "v9", keep: false });
    expect(p.rows.find((r) => r.key === "pwd")).toEqual({ key: "pwd", type: "encrypt", value: "", keep: true });
    expect(p.rows.find((r) => r.key === "new")).toEqual({ key: "new", type: "text", value: "1", keep: false });
    expect(p.refusedSecrets).toEqual(["pwd"]);
    expect(p.badKeys).toEqual(["bad key"]);
    expect(JSON.stringify(p)).not.toContain("hunter2");
  });

  it("gives the badge: first origin while unchanged, last run when reset to it, typed otherwise", () => {
    const p = prefillRows({ definitions, mine: { params: [{ key: "image_tag", type: "text", value: "v7" }], recordId: null, at: "" }, record: null, link: [] });
    const lastRun = new Map([["image_tag", "v1"]]);
    expect(originOf(p, lastRun, "image_tag", "v7")).toBe("my_last_run");
    expect(originOf(p, lastRun, "image_tag", "v1")).toBe("last_run");
    expect(originOf(p, lastRun, "image_tag", "v8")).toBe("typed");
    expect(originOf(p, lastRun, "brand-new", "")).toBe("typed");
  });
});

describe("deepLinkOf and curlOf", () => {
  const rows = [
    { key: "image_tag", type: "text", value: "v2 & co" },
    { key: "pwd", type: "encrypt", value: "hunter2" },
  ];

  it("builds a link without secrets that parses back to the same values", () => {
    const href = deepLinkOf("task1", rows, ID);
    expect(href).not.toContain("hunter2");
    const link = parseDeepLink(new URL(href, "http://x").searchParams);
    expect(link.params).toEqual([["image_tag", "v2 & co"]]);
    expect(link.record).toBe(ID);
  });

  it("shows the API call with secrets redacted and shell-safe quoting", () => {
    const curl = curlOf("http://localhost:3000", "task1", { params: [...rows, { key: "q", type: "text", value: "it's" }] });
    expect(curl).not.toContain("hunter2");
    expect(curl).toContain(REDACTED);
    expect(curl).toContain(`it'\\''s`);
    expect(curl).toContain("http://localhost:3000/api/tasks/task1/start");
  });
});
