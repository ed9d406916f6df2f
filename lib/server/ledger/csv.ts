import "server-only";
/** CSV of ledger rows (RFC 4180) — pure. */
import type { Finish, FreezeOverride, LedgerEntry } from "../../schemas/ledger";
import type { LedgerRow } from "../db/schema-ledger";
import type { ExportBatch } from "./query";
import { parseJson } from "./store";

/**
 * One field: quoted when it holds a comma, quote, CR or LF (quotes doubled). A text that a spreadsheet would run
 * as a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe: an audit export must not execute
 * what a user typed into a reason or a parameter.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  // Called for every field of every exported row (a million rows, thirty fields): a character test, not a RegExp.
  const first = value.charCodeAt(0);
  const text = FORMULA_START.has(first) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** =, +, -, @, tab, CR. */
const FORMULA_START = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d]);
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV line; concatenated rather than mapped and joined (a million lines per export). */
function csvRow(fields: (string | number | null | undefined)[]): string {
  let line = csvField(fields[0]);
  for (let i = 1; i < fields.length; i++) line += `,${csvField(fields[i])}`;
  return `${line}\r\n`;
}

export const CSV_COLUMNS = [
  "id",
  "at",
  "action",
  "phase",
  "attempted",
  "actor_id",
  "actor_name",
  "actor_email",
  "actor_teams",
  "app_id",
  "app_name",
  "task_id",
  "target_record_id",
  "record_id",
  "params",
  "reason",
  "status",
  "error_code",
  "message",
  "upstream_error_code",
  "upstream_request_id",
  "idempotency_key",
  "client_address",
  "user_agent",
  "correlation",
  "request_id",
  "resolution",
  "job_name",
  "override_window",
  "override_until",
  "approval_id",
  "finish_state",
  "finish_duration_ms",
  "finish_failed_step",
  "token_id",
  "token_name",
] as const;

/**
 * One ledger row as a CSV line (the columns of CSV_COLUMNS), from the row as stored: `params` is the ledger's own
 * JSON text (secrets as fingerprints, as toRow wrote it), not parsed and written again — the export's costliest
 * column otherwise. `resolution`: of a requested row (open, in doubt, closed).
 */
function rowCsv(r: LedgerRow, resolution: LedgerEntry["resolution"]): string {
  const override = parseJson<FreezeOverride[] | null>(r.override_window, null);
  const finish = parseJson<Finish | null>(r.finish ?? null, null);
  return csvRow([
    r.id,
    r.at,
    r.action,
    r.phase,
    r.attempted,
    r.actor_id,
    r.actor_name,
    r.actor_email,
    parseJson<string[]>(r.actor_teams, []).join("; "),
    r.app_id,
    r.app_name,
    r.task_id,
    r.target_record_id,
    r.record_id,
    r.params,
    r.reason,
    r.http_status === null ? null : Number(r.http_status),
    r.error_code,
    r.message,
    r.upstream_error_code,
    r.upstream_request_id,
    r.idempotency_key,
    r.client_address,
    r.user_agent,
    r.correlation,
    r.request_id,
    resolution,
    r.job_name ?? null,
    override ? override.map((w) => w.name).join("; ") : null,
    override
      ? override
          .map((w) => w.until)
          .sort()
          .at(-1)
      : null,
    r.approval_id ?? null,
    finish?.state ?? null,
    finish?.durationMs ?? null,
    finish?.failedStep ?? null,
    r.token_id ?? null,
    r.token_name ?? null,
  ]);
}

/** A batch of the export (query.ts, ledgerBatches) as CSV lines. */
export const batchCsv = (b: ExportBatch) => b.rows.map((r) => rowCsv(r, b.resolution.get(r.id) ?? null)).join("");

/** The header line, after a UTF-8 byte-order mark so spreadsheet programs read app names in Chinese correctly. */
export const CSV_HEADER = `\uFEFF${csvRow([...CSV_COLUMNS])}`;
