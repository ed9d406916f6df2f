/**
 * The audit ledger (isomorphic contract): GET /api/audit, GET /api/audit/export.csv and
 * GET /api/tasks/{taskId}/records/{recordId}/ledger — the query schemas and the rows they answer with.
 */
import { z } from "zod";
import { idSchema, intParam, pageOf, textSchema } from "./common";

/**
 * lock / unlock / break_lock: deploy locks (migration 0005); freeze: an admin's change to a freeze window;
 * approval_request / approve / reject: two-person approval (migration 0006); notify: an admin's change to a
 * notification channel or subscription (migration 0011). All of them phase `recorded`.
 */
export const LEDGER_ACTIONS = [
  "start",
  "rollback",
  "stop",
  "denied",
  "lock",
  "unlock",
  "break_lock",
  "freeze",
  "approval_request",
  "approve",
  "reject",
  "notify",
  "token",
] as const;
export type LedgerAction = (typeof LEDGER_ACTIONS)[number];

/**
 * `requested` is written before the cloud is called; an outcome row follows with `correlation` = the requested
 * row's id. `in_doubt` is an interim outcome (the cloud may have acted): the reconciler later appends `started`
 * or `not_started`. A stop ends `stopped` or `failed`. A `finished` row (correlation = the `started` row) says how the record ended. Refused attempts (401/403/409) are one `denied` row.
 */
export const LEDGER_PHASES = ["requested", "started", "refused", "failed", "in_doubt", "not_started", "stopped", "denied", "recorded", "finished"] as const;
export type LedgerPhase = (typeof LEDGER_PHASES)[number];

/** The freeze window a start was let through, as the ledger keeps it. `until`: when that occurrence ended (ISO UTC). */
export const freezeOverrideSchema = z.object({ id: z.string(), name: z.string(), until: z.string() });
export type FreezeOverride = z.infer<typeof freezeOverrideSchema>;

/**
 * How a record started through the console ended (`finished` rows), as the record watcher saw it: the CodeArts run
 * state mapped, the time from start to end, the first failed step and its `faq_url`.
 */
export const finishSchema = z.object({
  state: z.enum(["succeeded", "failed", "stopped", "timeout", "unknown"]),
  durationMs: z.number().int().nullable(),
  failedStep: z.string().nullable(),
  faqUrl: z.string().nullable(),
});
export type Finish = z.infer<typeof finishSchema>;

/** A start parameter as the ledger keeps it: `encrypt` values are replaced by `hmac:<64 hex>` (keyed fingerprint). */
export const ledgerParamSchema = z.object({ key: z.string(), type: z.string(), value: z.string() });
export type LedgerParam = z.infer<typeof ledgerParamSchema>;

/**
 * Who acted: the person signed in to the console (every field null on 401 rows: nobody signed in), or the owner of
 * the API token the request came with — `token` names it (null for a browser session).
 */
export const ledgerActorSchema = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  teams: z.array(z.string()),
  /** Always present in answers; optional for the callers that build an actor without one. */
  token: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
});
export type LedgerActor = z.infer<typeof ledgerActorSchema>;

export const ledgerEntrySchema = z.object({
  id: z.string(),
  /** ISO-8601 UTC. */
  at: z.string(),
  action: z.enum(LEDGER_ACTIONS),
  phase: z.enum(LEDGER_PHASES),
  /** Denied rows: what was attempted, when known. */
  attempted: z.enum(["start", "rollback", "stop"]).nullable(),
  actor: ledgerActorSchema,
  appId: z.string().nullable(),
  appName: z.string().nullable(),
  taskId: z.string().nullable(),
  /** Rollbacks: the record returned to. */
  targetRecordId: z.string().nullable(),
  /** The record a start created (outcome rows) or a stop addressed. */
  recordId: z.string().nullable(),
  params: z.array(ledgerParamSchema).nullable(),
  reason: z.string().nullable(),
  /** HTTP status the console answered with (outcome and denied rows). */
  status: z.number().int().nullable(),
  /** Console error code (e.g. upstream_in_doubt, deploy_in_progress, forbidden). */
  errorCode: z.string().nullable(),
  message: z.string().nullable(),
  upstreamErrorCode: z.string().nullable(),
  upstreamRequestId: z.string().nullable(),
  idempotencyKey: z.string().nullable(),
  clientAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** Outcome rows: the requested row they answer. */
  correlation: z.string().nullable(),
  requestId: z.string().nullable(),
  /** `started` rows: the job the cloud named in its start answer. */
  jobName: z.string().nullable(),
  /** A start or rollback an admin let through freeze windows (the reason is `reason`): the windows as they were then. */
  override: z.array(freezeOverrideSchema).nullable(),
  /** The approval request the row belongs to: its request, decisions, and the start that executed it. */
  approvalId: z.string().nullable(),
  /** `finished` rows: how the record ended. */
  finish: finishSchema.nullable(),
  /**
   * Requested rows only: "open" while no outcome is known (the call is under way, or the process died),
   * "in_doubt" when the cloud may have acted and the reconciler has not decided yet, "closed" otherwise.
   */
  resolution: z.enum(["open", "in_doubt", "closed"]).nullable(),
  /** Console page of the record (`/tasks/{taskId}/records/{recordId}`), when there is one. */
  recordLink: z.string().nullable(),
  /** GET /api/audit and …/attempts: release # of `recordId` and `targetRecordId` from the task's history (null: not found). */
  releaseId: z.number().int().nullable().optional(),
  targetReleaseId: z.number().int().nullable().optional(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

/**
 * The audit lists' page: `total` counts up to 10,000 matching entries (or up to the page asked for, past that) and
 * `capped` says there are more — a ledger of millions is not counted row by row for every page.
 */
const auditPageOf = <T extends z.ZodType>(item: T) => pageOf(item).extend({ capped: z.boolean() });

/** GET /api/audit */
export const ledgerPageSchema = auditPageOf(ledgerEntrySchema);
export type LedgerPage = z.infer<typeof ledgerPageSchema>;

/**
 * GET /api/audit/attempts: one item per attempt — a requested row with what answered it, or a denied row. The
 * item's own fields are the attempt as it ended (phase, status, codes and record of its final outcome; time, user,
 * parameters and reason of its request); `rows` are its ledger rows, oldest first.
 */
export const auditAttemptSchema = ledgerEntrySchema.extend({ rows: z.array(ledgerEntrySchema) });
export type AuditAttempt = z.infer<typeof auditAttemptSchema>;
export const attemptPageSchema = auditPageOf(auditAttemptSchema);

/** GET /api/tasks/{taskId}/records/{recordId}/ledger */
export const recordLedgerSchema = z.object({ items: z.array(ledgerEntrySchema) });

// ---- Query schemas (shared by the route handlers and the audit page's query builders)

/** yyyy-MM-dd (a whole UTC day) or an ISO-8601 date-time with a zone. */
const instantParam = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/, "must be yyyy-MM-dd or an ISO-8601 date-time")
  .refine((v) => !Number.isNaN(Date.parse(v)), "is not a real date");

const auditFilters = {
  /** App id (exact) or part of the app name. */
  app: textSchema().trim().min(1).max(255).optional(),
  task: idSchema.optional(),
  /** User id (exact), or part of the e-mail address or name. */
  user: textSchema().trim().min(1).max(320).optional(),
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

const MAX_AUDIT_PAGE_SIZE = 200;
export const auditQuerySchema = z.object({ ...auditFilters, page: intParam(1, 99999, 1), size: intParam(1, MAX_AUDIT_PAGE_SIZE, 50) }).strict();
