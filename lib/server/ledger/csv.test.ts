/** CSV escaping of the audit export. */
import { describe, expect, it } from "vitest";
import type { LedgerRow } from "../db/schema-ledger";
import { CSV_COLUMNS, CSV_HEADER, batchCsv, csvField } from "./csv";

/** A strict RFC 4180 reader, to prove the writer's output reads back to the same fields. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["line1\nline2", '"line1\nline2"'],
    ["cr\r", '"cr\r"'],
    ["订单服务", "订单服务"],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ["+1", "'+1"],
    ["-cmd", "'-cmd"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["", ""],
  ])("%j → %s", (input, out) => {
    expect(csvField(input)).toBe(out);
  });

  it("writes numbers as numbers and nulls as empty fields", () => {
    expect(csvField(-1)).toBe("-1");
    expect(csvField(502)).toBe("502");
    expect(csvField(null)).toBe("");
  });
});

const params = [{ key: "db_password", type: "encrypt", value: "hmac:00" }];
const FULL: LedgerRow = {
  id: "id-1",
  at: "2026-01-02T03:04:05.678Z",
  action: "start",
  phase: "requested",
  attempted: null,
  actor_id: "u",
  actor_name: 'Ada "the" Admin',
  actor_email: "ada@example.com",
  actor_teams: JSON.stringify(["ops", "dev,sec"]),
  app_id: "a".repeat(32),
  app_name: "订单服务",
  task_id: "t".repeat(32),
  target_record_id: null,
  record_id: null,
  params: JSON.stringify(params),
  reason: "hotfix,\nurgent",
  http_status: 409,
  error_code: "=cmd",
  message: null,
  upstream_error_code: null,
  upstream_request_id: null,
  idempotency_key: "key-1",
  client_address: "10.0.0.1",
  user_agent: "Mozilla/5.0 (X11, Linux)",
  correlation: null,
  request_id: "r",
  job_name: "job_1",
  override_window: JSON.stringify([
    { id: "w-1", name: "Black Friday, 冻结", until: "2026-11-30T16:00:00.000Z" },
    { id: "w-2", name: "Weekend", until: "2026-11-30T07:00:00.000Z" },
  ]),
  approval_id: "a-1",
  finish: JSON.stringify({ state: "failed", durationMs: 125000, failedStep: "Health check", faqUrl: null }),
  token_id: "tok-1",
  token_name: "release pipeline",
};

/** Every column of a ledger row, null. */
const nulls = Object.fromEntries(Object.keys(FULL).map((k) => [k, null]));

describe("batchCsv", () => {
  it("reads back to one field per column", () => {
    const rows = readCsv(CSV_HEADER.slice(1) + batchCsv({ rows: [FULL], resolution: new Map([[FULL.id, "open"]]) }));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const row = rows[1]!;
    expect(row).toHaveLength(CSV_COLUMNS.length);
    const col = (name: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(name)];
    expect(col("actor_name")).toBe('Ada "the" Admin');
    expect(col("actor_teams")).toBe("ops; dev,sec");
    expect(col("reason")).toBe("hotfix,\nurgent");
    expect(JSON.parse(col("params")!)).toEqual(params);
    expect(col("status")).toBe("409");
    expect(col("error_code")).toBe("'=cmd");
    expect(col("user_agent")).toBe("Mozilla/5.0 (X11, Linux)");
    expect(col("resolution")).toBe("open");
    expect(col("job_name")).toBe("job_1");
    expect(col("override_window")).toBe("Black Friday, 冻结; Weekend");
    expect(col("override_until")).toBe("2026-11-30T16:00:00.000Z");
    expect(col("approval_id")).toBe("a-1");
    expect([col("finish_state"), col("finish_duration_ms"), col("finish_failed_step")]).toEqual(["failed", "125000", "Health check"]);
    expect([col("token_id"), col("token_name")]).toEqual(["tok-1", "release pipeline"]);
    expect(CSV_HEADER.startsWith("\uFEFF")).toBe(true);
  });

  it("writes a row without teams, parameters or windows with empty fields, and no resolution for an answer", () => {
    const r = { id: "id-2", at: "2026-01-02T03:04:05.678Z", action: "stop", phase: "stopped", correlation: "id-1" } as LedgerRow;
    const line = readCsv(batchCsv({ rows: [{ ...nulls, ...r }], resolution: new Map() }))[0]!;
    expect(line.slice(0, 4)).toEqual(["id-2", "2026-01-02T03:04:05.678Z", "stop", "stopped"]);
    expect(line.filter((x) => x !== "")).toEqual(["id-2", "2026-01-02T03:04:05.678Z", "stop", "stopped", "id-1"]);
  });
});
