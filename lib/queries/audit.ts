/**
 * The deploy ledger as the browser reads it: the audit list (GET /api/audit), its CSV export link and a record's
 * ledger rows. Only types come from lib/schemas/ledger (its values would put zod into the page's first-load JS);
 * the server validates every filter with auditQuerySchema.
 */
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { AuditFilters, LedgerAction, LedgerEntry, LedgerPhase } from "@/lib/schemas/ledger";
import { apiFetch, apiPath } from "@/lib/queries/api";

export const AUDIT_PAGE_SIZE = 50;

/**
 * The ledger's vocabularies (LEDGER_ACTIONS / LEDGER_PHASES of lib/schemas/ledger.ts) in filter order. Written as
 * records so that a value added to the contract fails the type check here instead of missing from the filters.
 */
const ACTION_SET: Record<LedgerAction, true> = {
  start: true,
  rollback: true,
  stop: true,
  denied: true,
  lock: true,
  unlock: true,
  break_lock: true,
  freeze: true,
  approval_request: true,
  approve: true,
  reject: true,
  notify: true,
  token: true,
};
const PHASE_SET: Record<LedgerPhase, true> = {
  requested: true,
  started: true,
  refused: true,
  failed: true,
  in_doubt: true,
  not_started: true,
  stopped: true,
  denied: true,
  recorded: true,
  finished: true,
};
export const AUDIT_ACTIONS = Object.keys(ACTION_SET) as LedgerAction[];
export const AUDIT_PHASES = Object.keys(PHASE_SET) as LedgerPhase[];

export const isAuditAction = (v: string): v is LedgerAction => Object.hasOwn(ACTION_SET, v);
export const isAuditPhase = (v: string): v is LedgerPhase => Object.hasOwn(PHASE_SET, v);

export interface AuditListQuery extends AuditFilters {
  page: number;
  size: number;
}

/** The audit page's two readings of the ledger: one row per attempt (the default) or every ledger row. */
export type AuditView = "attempts" | "rows";

/** The filters as query parameters, in one order (the list and the export ask for the same set). */
const auditFilterParams = (f: AuditFilters) => ({
  app: f.app,
  task: f.task,
  user: f.user,
  action: f.action,
  outcome: f.outcome,
  from: f.from,
  to: f.to,
});

export const auditKeys = {
  all: ["audit"] as const,
  lists: () => [...auditKeys.all, "list"] as const,
  list: (q: AuditListQuery, view: AuditView) => [...auditKeys.lists(), view, q] as const,
  record: (taskId: string, recordId: string) => [...auditKeys.all, "record", taskId, recordId] as const,
};

/** A page of either reading: attempts carry their ledger rows. */
export interface AuditListPage {
  items: (LedgerEntry & { rows?: LedgerEntry[] })[];
  total: number;
  /** `total` is a lower bound: the server stopped counting (lib/server/ledger/query.ts, COUNT_CAP). */
  capped: boolean;
  page: number;
  size: number;
}

export const auditOptions = (q: AuditListQuery, view: AuditView = "attempts") =>
  queryOptions({
    queryKey: auditKeys.list(q, view),
    queryFn: ({ signal }): Promise<AuditListPage> => {
      const query = { ...auditFilterParams(q), page: q.page, size: q.size };
      return view === "rows" ? apiFetch("GET /api/audit", { query, signal }) : apiFetch("GET /api/audit/attempts", { query, signal });
    },
    // Keep the rows on screen while the next filter or page loads.
    placeholderData: keepPreviousData,
  });

/** The whole filtered set as CSV (a plain download link: the browser sends the session cookie). */
export const auditExportHref = (f: AuditFilters) => apiPath("GET /api/audit/export.csv", { query: auditFilterParams(f) });

/** A record's ledger rows; refreshed while the record runs (a stop or the reconciler may add rows). */
export const recordLedgerOptions = (taskId: string, recordId: string, running: boolean) =>
  queryOptions({
    queryKey: auditKeys.record(taskId, recordId),
    queryFn: ({ signal }) => apiFetch("GET /api/tasks/:taskId/records/:recordId/ledger", { params: { taskId, recordId }, signal }),
    refetchInterval: running ? 5000 : false,
  });
