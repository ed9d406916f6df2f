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
  /**
   * Filters the URL names with a value the API would refuse (a task id that is not one, an unknown action, a day
   * that does not exist …): the page says so and shows nothing rather than silently showing every entry.
   */
  rejected: { name: FilterName; value: string }[];
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

/** Reads the URL. A value the API would refuse is not applied but listed in `rejected` (the controls show it unset). */
export function readAuditUrl(params: { get(name: string): string | null }): AuditUrlState {
  const raw = (name: FilterName) => params.get(name) ?? "";
  const task = raw("task").trim();
  const action = raw("action");
  const outcome = raw("outcome");
  const accepted = {
    app: text(params.get("app"), APP_MAX),
    task: isTaskId(task) ? task : "",
    user: text(params.get("user"), USER_MAX),
    action: isAuditAction(action) ? action : "",
    outcome: isAuditPhase(outcome) ? outcome : "",
    from: isDay(raw("from")) ? raw("from") : "",
    to: isDay(raw("to")) ? raw("to") : "",
  } as const;
  // Blank is "no filter"; anything else that did not survive is a filter the page could not apply.
  const rejected = FILTER_NAMES.filter((name) => raw(name).trim() !== "" && accepted[name] === "").map((name) => ({ name, value: raw(name) }));
  return { ...accepted, page: positiveInt(params.get("page"), 1), rejected };
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
