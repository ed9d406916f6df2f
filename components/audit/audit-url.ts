/**
 * The audit page's state lives in its URL (?app=&task=&user=&action=&outcome=&from=&to=&page=), so a filtered
 * view can be bookmarked or sent to a colleague. Pure: parsing and the API's filters.
 */
import type { AuditFilters, LedgerAction, LedgerPhase } from "@/lib/schemas/ledger";
import { isAuditAction, isAuditPhase } from "@/lib/queries/audit";
import { ID_PATTERN } from "@/lib/schemas/param-rules";
import { isoDate, positiveInt } from "@/lib/utils";

/** What the URL says, as the filter controls show it (dates are yyyy-MM-dd days in the viewer's zone). */
export interface AuditUrlState {
  app: string;
  task: string;
  user: string;
  action: LedgerAction | "";
  outcome: LedgerPhase | "";
  from: string;
  to: string;
  page: number;
}

export const FILTER_NAMES = ["app", "task", "user", "action", "outcome", "from", "to"] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

/** The limits of auditQuerySchema (lib/schemas/ledger.ts). */
export const APP_MAX = 255;
export const USER_MAX = 320;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isTaskId = (v: string) => ID_PATTERN.test(v);

/** A real calendar day written yyyy-MM-dd (2025-02-31 is not one). */
export function isDay(v: string): boolean {
  const m = DAY.exec(v);
  if (!m) return false;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return isoDate(d) === v;
}

const text = (v: string | null, max: number) => {
  const t = (v ?? "").trim();
  return t.length <= max ? t : "";
};

/** Reads the URL; values the API would refuse are dropped (the controls then show them as unset). */
export function readAuditUrl(params: { get(name: string): string | null }): AuditUrlState {
  const task = (params.get("task") ?? "").trim();
  const action = params.get("action") ?? "";
  const outcome = params.get("outcome") ?? "";
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  return {
    app: text(params.get("app"), APP_MAX),
    task: isTaskId(task) ? task : "",
    user: text(params.get("user"), USER_MAX),
    action: isAuditAction(action) ? action : "",
    outcome: isAuditPhase(outcome) ? outcome : "",
    from: isDay(from) ? from : "",
    to: isDay(to) ? to : "",
    page: positiveInt(params.get("page"), 1),
  };
}

const pad = (n: number) => String(Math.trunc(n)).padStart(2, "0");

/**
 * The first instant of a local day (plus `addDays`) as ISO-8601 with the zone's offset on that day, e.g.
 * 2025-03-01T00:00:00+08:00. The page shows local times, so its day filters are local days too (a bare date would
 * mean a UTC day to the API).
 */
export function localDayStart(day: string, addDays = 0): string | null {
  const m = DAY.exec(day);
  if (!m || !isDay(day)) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + addDays);
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  // A zone that skips midnight on a DST day starts that day at 01:00: use the hour the Date actually landed on.
  return `${isoDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}:00${sign}${pad(abs / 60)}:${pad(abs % 60)}`;
}

/** The API's filters for what the URL says: `from` inclusive, `to` through the end of that local day. */
export function toApiFilters(s: AuditUrlState): AuditFilters {
  const f: AuditFilters = {};
  if (s.app) f.app = s.app;
  if (s.task) f.task = s.task;
  if (s.user) f.user = s.user;
  if (s.action) f.action = s.action;
  if (s.outcome) f.outcome = s.outcome;
  const from = s.from ? localDayStart(s.from) : null;
  const to = s.to ? localDayStart(s.to, 1) : null;
  if (from) f.from = from;
  if (to) f.to = to;
  return f;
}

export const hasFilters = (s: AuditUrlState) => FILTER_NAMES.some((k) => s[k] !== "");
