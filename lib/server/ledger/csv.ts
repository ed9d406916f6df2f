import "server-only";
/** CSV of ledger rows (RFC 4180) — pure. */
import type { LedgerEntry } from "../../schemas/ledger";

/**
 * One field: quoted when it holds a comma, quote, CR or LF (quotes doubled). A text that a spreadsheet would run
 * as a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe: an audit export must not execute
 * what a user typed into a reason or a parameter.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvRow = (fields: (string | number | null | undefined)[]) => `${fields.map(csvField).join(",")}\r\n`;

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
] as const;

export function entryCsv(e: LedgerEntry): string {
  return csvRow([
    e.id,
    e.at,
    e.action,
    e.phase,
    e.attempted,
    e.actor.id,
    e.actor.name,
    e.actor.email,
    e.actor.teams.join("; "),
    e.appId,
    e.appName,
    e.taskId,
    e.targetRecordId,
    e.recordId,
    e.params ? JSON.stringify(e.params) : null,
    e.reason,
    e.status,
    e.errorCode,
    e.message,
    e.upstreamErrorCode,
    e.upstreamRequestId,
    e.idempotencyKey,
    e.clientAddress,
    e.userAgent,
    e.correlation,
    e.requestId,
    e.resolution,
    e.jobName,
    e.override ? e.override.map((w) => w.name).join("; ") : null,
    e.override
      ? e.override
          .map((w) => w.until)
          .sort()
          .at(-1)
      : null,
    e.approvalId,
  ]);
}

/** The header line, after a UTF-8 byte-order mark so spreadsheet programs read app names in Chinese correctly. */
export const CSV_HEADER = `\uFEFF${csvRow([...CSV_COLUMNS])}`;
