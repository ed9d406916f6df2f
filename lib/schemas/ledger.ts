/**
 * The deploy ledger's API contract (isomorphic): answer types of GET /api/audit, GET /api/audit/export.csv,
 * GET /api/tasks/{taskId}/records/{recordId}/ledger and the task's `inFlight`, and the audit query schema.
 */
import { z } from "zod";
import { idSchema } from "./deploy";
import { intParam } from "./query";

export const LEDGER_ACTIONS = ["start", "rollback", "stop", "denied"] as const;
export type LedgerAction = (typeof LEDGER_ACTIONS)[number];

/**
 * `requested` is written before the cloud is called; an outcome row follows with `correlation` = the requested
 * row's id. `in_doubt` is an interim outcome (the cloud may have acted): the reconciler later appends `started`
 * or `not_started`. A stop ends `stopped` or `failed`. Refused attempts (401/403/409) are one `denied` row.
 */
export const LEDGER_PHASES = ["requested", "started", "refused", "failed", "in_doubt", "not_started", "stopped", "denied"] as const;
export type LedgerPhase = (typeof LEDGER_PHASES)[number];

/** A start parameter as the ledger keeps it: `encrypt` values are replaced by `hmac:<64 hex>` (keyed fingerprint). */
export interface LedgerParam {
  key: string;
  type: string;
  value: string;
}

export interface LedgerActor {
  /** null on 401 rows (nobody signed in). */
  id: string | null;
  name: string | null;
  email: string | null;
  teams: string[];
}

export interface LedgerEntry {
  id: string;
  /** ISO-8601 UTC. */
  at: string;
  action: LedgerAction;
  phase: LedgerPhase;
  /** Denied rows: what was attempted, when known. */
  attempted: "start" | "rollback" | "stop" | null;
  actor: LedgerActor;
  appId: string | null;
  appName: string | null;
  taskId: string | null;
  /** Rollbacks: the record returned to. */
  targetRecordId: string | null;
  /** The record a start created (outcome rows) or a stop addressed. */
  recordId: string | null;
  params: LedgerParam[] | null;
  reason: string | null;
  /** HTTP status the console answered with (outcome and denied rows). */
  status: number | null;
  /** Console error code (e.g. upstream_in_doubt, deploy_in_progress, forbidden). */
  errorCode: string | null;
  message: string | null;
  upstreamErrorCode: string | null;
  upstreamRequestId: string | null;
  idempotencyKey: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  /** Outcome rows: the requested row they answer. */
  correlation: string | null;
  requestId: string | null;
  /**
   * Requested rows only: "open" while no outcome is known (the call is under way, or the process died),
   * "in_doubt" when the cloud may have acted and the reconciler has not decided yet, "closed" otherwise.
   */
  resolution: "open" | "in_doubt" | "closed" | null;
  /** Console page of the record (`/tasks/{taskId}/records/{recordId}`), when there is one. */
  recordLink: string | null;
}

export interface LedgerPage {
  items: LedgerEntry[];
  total: number;
  page: number;
  size: number;
}

/** GET /api/tasks/{taskId}/records/{recordId}/ledger */
export interface RecordLedger {
  items: LedgerEntry[];
}

/** A deployment of the task started through the console that may still be running (GET /api/tasks/{taskId}). */
export interface InFlight {
  by: { id: string | null; name: string | null; email: string | null };
  /** When the start was requested (ISO-8601 UTC). */
  at: string;
  recordId: string | null;
  /** in_doubt: the cloud may or may not have started it; the reconciler is checking its history. */
  state: "running" | "in_doubt";
  /** `/tasks/{taskId}/records/{recordId}` when the record is known. */
  link: string | null;
  /** The `requested` ledger row; null when the deployment was not started through the console. */
  ledgerId: string | null;
}

// ---- Query schemas (shared by the route handlers and the audit page's query builders)

/** yyyy-MM-dd (a whole UTC day) or an ISO-8601 date-time with a zone. */
const instantParam = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/, "must be yyyy-MM-dd or an ISO-8601 date-time")
  .refine((v) => !Number.isNaN(Date.parse(v)), "is not a real date");

const auditFilters = {
  /** App id (exact) or part of the app name. */
  app: z.string().trim().min(1).max(255).optional(),
  task: idSchema.optional(),
  /** User id (exact), or part of the e-mail address or name. */
  user: z.string().trim().min(1).max(320).optional(),
  action: z.enum(LEDGER_ACTIONS).optional(),
  /** A phase (requested, started, …, denied). */
  outcome: z.enum(LEDGER_PHASES).optional(),
  /** Inclusive; a date means from 00:00 UTC. */
  from: instantParam.optional(),
  /** A date means up to the end of that day (UTC); a date-time is exclusive. */
  to: instantParam.optional(),
};

export const auditExportQuerySchema = z.object(auditFilters).strict();
export type AuditFilters = z.infer<typeof auditExportQuerySchema>;

export const MAX_AUDIT_PAGE_SIZE = 200;
export const auditQuerySchema = z.object({ ...auditFilters, page: intParam(1, 99999, 1), size: intParam(1, MAX_AUDIT_PAGE_SIZE, 50) }).strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** The record page's link for a task's record. */
export const recordLink = (taskId: string | null, recordId: string | null) => (taskId && recordId ? `/tasks/${taskId}/records/${recordId}` : null);
