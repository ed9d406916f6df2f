/** CSV escaping of the audit export. */
import { describe, expect, it } from "vitest";
import type { LedgerEntry } from "../../schemas/ledger";
import { CSV_COLUMNS, CSV_HEADER, csvField, entryCsv } from "./csv";

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

describe("entryCsv", () => {
  it("reads back to one field per column", () => {
    const e: LedgerEntry = {
      id: "id-1",
      at: "2026-01-02T03:04:05.678Z",
      action: "start",
      phase: "requested",
      attempted: null,
      actor: { id: "u", name: 'Ada "the" Admin', email: "ada@example.com", teams: ["ops", "dev,sec"] },
      appId: "a".repeat(32),
      appName: "订单服务",
      taskId: "t".repeat(32),
      targetRecordId: null,
      recordId: null,
      params: [{ key: "db_password", type: "encrypt", value: "hmac:00" }],
      reason: "hotfix,\nurgent",
      status: null,
      errorCode: null,
      message: null,
      upstreamErrorCode: null,
      upstreamRequestId: null,
      idempotencyKey: "key-1",
      clientAddress: "10.0.0.1",
      userAgent: "Mozilla/5.0 (X11, Linux)",
      correlation: null,
      requestId: "r",
      resolution: "open",
      jobName: "job_1",
      override: [
        { id: "w-1", name: "Black Friday, 冻结", until: "2026-11-30T16:00:00.000Z" },
        { id: "w-2", name: "Weekend", until: "2026-11-30T07:00:00.000Z" },
      ],
      approvalId: "a-1",
      recordLink: null,
    };
    const rows = readCsv(CSV_HEADER.slice(1) + entryCsv(e));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const row = rows[1]!;
    expect(row).toHaveLength(CSV_COLUMNS.length);
    const col = (name: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(name)];
    expect(col("actor_name")).toBe('Ada "the" Admin');
    expect(col("actor_teams")).toBe("ops; dev,sec");
    expect(col("reason")).toBe("hotfix,\nurgent");
    expect(JSON.parse(col("params")!)).toEqual(e.params);
    expect(col("user_agent")).toBe("Mozilla/5.0 (X11, Linux)");
    expect(col("job_name")).toBe("job_1");
    expect(col("override_window")).toBe("Black Friday, 冻结; Weekend");
    expect(col("override_until")).toBe("2026-11-30T16:00:00.000Z");
    expect(col("approval_id")).toBe("a-1");
    expect(CSV_HEADER.startsWith("\uFEFF")).toBe(true);
  });
});
