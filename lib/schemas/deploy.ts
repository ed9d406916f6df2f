/**
 * The console's own types and the start form's schema — isomorphic: the form, the route handler and the
 * client all validate with these. Vendor (wire) shapes stay in lib/codearts/schemas.ts.
 */
import { z } from "zod";
import { ID_PATTERN, MAX_PARAM_ROWS, PARAM_KEY_PATTERN, PARAM_TYPES, PARAM_VALUE_MAX, ROW_ERROR, TEMPLATE_OPENERS } from "./param-rules";
import { formToBody } from "../deploy/prefill";
import type { InFlight } from "./ledger";

export { MAX_PARAM_ROWS, PARAM_TYPES, ROW_ERROR };

export const idSchema = z.string().regex(ID_PATTERN, "must be 32 characters of 0-9 and a-z");

export const paramRowSchema = z.object({
  key: z.string().regex(PARAM_KEY_PATTERN, ROW_ERROR.keyFormat),
  value: z
    .string()
    .max(PARAM_VALUE_MAX, ROW_ERROR.valueTooLong)
    .refine((v) => !TEMPLATE_OPENERS.some((o) => v.includes(o)), ROW_ERROR.valueTemplate),
  type: z.enum(PARAM_TYPES, ROW_ERROR.typeRequired),
});
export type ParamRow = z.infer<typeof paramRowSchema>;

const paramKeySchema = z.string().regex(PARAM_KEY_PATTERN, ROW_ERROR.keyFormat);

/** What a start sends besides the console-only confirmation fields (also the body of the preview). */
const startShape = {
  params: z.array(paramRowSchema).max(MAX_PARAM_ROWS, ROW_ERROR.tooManyRows).default([]),
  record_id: idSchema.optional(),
  /**
   * Console-only: `encrypt` parameters deliberately not sent, so the cloud keeps the value it stores (the secret
   * is never readable back). Listed so the ledger and the diff can tell "kept" from "forgotten".
   */
  keep_secrets: z.array(paramKeySchema).max(MAX_PARAM_ROWS, ROW_ERROR.tooManyRows).optional(),
};

type StartShape = { params: ParamRow[]; keep_secrets?: string[] };

/** Duplicate keys, and a kept secret that is also sent. */
function checkKeys(body: StartShape, ctx: z.RefinementCtx) {
  const seen = new Map<string, number>();
  body.params.forEach((row, i) => {
    if (seen.has(row.key)) {
      ctx.addIssue({ code: "custom", path: ["params", i, "key"], message: ROW_ERROR.keyDuplicate });
    } else seen.set(row.key, i);
  });
  const kept = new Set<string>();
  body.keep_secrets?.forEach((key, i) => {
    if (seen.has(key) || kept.has(key)) ctx.addIssue({ code: "custom", path: ["keep_secrets", i], message: ROW_ERROR.keepConflict });
    kept.add(key);
  });
}

/**
 * The start body's fields without the cross-field rules (duplicate keys, a rollback's reason): what a refused
 * attempt's ledger row reads from the body it was sent.
 */
export const startBodyFieldsSchema = z
  .object({
    ...startShape,
    trigger_source: z.enum(["0", "1"]).optional(),
    // Console-only (never sent upstream): the reason (rollbacks, protected apps) and a protected app's typed name.
    reason: z.string().trim().min(1, "reason_required").max(500, "reason_too_long").optional(),
    confirm_name: z.string().max(128).optional(),
  })
  .strict();

/** POST /api/tasks/{taskId}/start. A rollback (record_id) always needs a reason. */
export const startDeployBodySchema = startBodyFieldsSchema.superRefine((body, ctx) => {
  checkKeys(body, ctx);
  if (body.record_id && !body.reason) {
    ctx.addIssue({ code: "custom", path: ["reason"], message: "reason_required" });
  }
});
export type StartDeployBody = z.infer<typeof startDeployBodySchema>;

/**
 * The start form's model: rows may tick "keep the stored value" on a secret; an `encrypt` row needs a value or
 * that tick. Its output is the start body (kept rows leave `params` for `keep_secrets`), so the form validates
 * exactly what the route validates, plus the form's own secret rule.
 */
export const startFormSchema = z
  .object({
    params: z
      .array(paramRowSchema.extend({ keep: z.boolean().optional() }))
      .max(MAX_PARAM_ROWS, ROW_ERROR.tooManyRows)
      .default([]),
    record_id: idSchema.optional(),
    trigger_source: z.enum(["0", "1"]).optional(),
  })
  .superRefine((form, ctx) => {
    checkKeys({ params: form.params }, ctx);
    form.params.forEach((row, i) => {
      if (row.type === "encrypt" && !row.keep && row.value === "") {
        ctx.addIssue({ code: "custom", path: ["params", i, "value"], message: ROW_ERROR.secretRequired });
      }
    });
  })
  .transform((form) => formToBody(form));

/** POST /api/tasks/{taskId}/preview — what a start with these rows would change against the latest record. */
export const previewBodySchema = z.object(startShape).strict().superRefine(checkKeys);
export type PreviewBody = z.infer<typeof previewBodySchema>;

/**
 * One parameter compared with the task's latest record. Secret values are never shown: `secret` rows carry
 * `secretStatus` instead — from the ledger's fingerprints when the console started that record ("changed",
 * "unchanged"), "unknown" when it was set outside the console, "kept" when the start keeps the stored value.
 */
export interface ParamComparison {
  key: string;
  status: "changed" | "same" | "added" | "removed";
  type: string;
  before: string | null;
  after: string | null;
  secret: boolean;
  secretStatus: "changed" | "unchanged" | "unknown" | "kept" | null;
}

export interface StartPreview {
  /** The task's latest record (newest in the retained history), which the comparison is against. */
  latest: RecordSummary | null;
  /** Whether the console started the latest record (its ledger fingerprints are known). */
  latestViaConsole: boolean;
  changes: ParamComparison[];
}

/** "My last run": the non-secret values of this user's last start of the task through the console. */
export interface MyLastRun {
  params: { key: string; type: string; value: string }[];
  recordId: string | null;
  at: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Answers of the console API (what components see)
// ---------------------------------------------------------------------------------------------------------------

export type RunState = "running" | "succeeded" | "failed" | "abort" | "not_started" | "pending" | "timeout" | "not_executed" | "unknown";

export interface AppSummary {
  appId: string;
  taskId: string | null;
  name: string;
  projectName: string | null;
  lastState: RunState;
  lastRunAt: string | null; // ISO-8601 UTC
  executor: string | null;
  releaseId: number | null;
  duration: string | null;
  favourite: boolean;
  disabled: boolean;
  deploySystem: string | null;
}

export interface AppsPage {
  items: AppSummary[];
  total: number;
  page: number;
  size: number;
}

export interface AomComponent {
  appId: string;
  appName: string;
  compId: string;
  compName: string;
  region: string;
  domainId: string;
  effective: boolean;
}

export interface ParamDefinition {
  name: string;
  type: (typeof PARAM_TYPES)[number];
  /** Last run's value; always null for `encrypt` (never prefilled). */
  value: string | null;
  /** Where the definition came from. */
  source: "last_run" | "step_reference";
  /** Previously used values (for `enum` rows), newest first. */
  options: string[];
}

export interface TaskDetail {
  taskId: string;
  appId: string | null;
  name: string;
  description: string | null;
  projectName: string | null;
  draft: boolean;
  disabled: boolean;
  deploySystem: string | null;
  owner: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  /** "0" anyone may trigger, "1" pipeline only; null when the cloud did not say. */
  triggerSource: "0" | "1" | null;
  steps: { key: string; name: string; enabled: boolean }[];
  params: ParamDefinition[];
  components: AomComponent[];
  lastRecordId: string | null;
}

export interface RecordSummary {
  recordId: string;
  releaseId: number | null;
  state: RunState;
  operator: string | null;
  startTime: string | null;
  endTime: string | null;
  duration: string | null;
  type: string | null;
  /** GET …/records only, from the console's ledger: the reason given when the console started this record. */
  reason?: string | null;
  /** GET …/records only: the console started this record as a rollback to `recordId`. */
  rollbackOf?: RollbackOf | null;
}

/** The record a rollback returned to; `releaseId` null when its release # could not be found in the history. */
export interface RollbackOf {
  recordId: string;
  releaseId: number | null;
}

export interface RecordsPage {
  items: RecordSummary[];
  total: number;
  page: number;
  size: number;
  from: string; // yyyy-MM-dd
  to: string;
}

export interface RecordStep {
  id: string;
  name: string;
  enabled: boolean;
  elapsedMs: number | null;
  faqUrl: string | null;
}

export interface RecordDetail {
  recordId: string;
  taskId: string;
  taskName: string | null;
  state: RunState;
  finished: boolean;
  executor: string | null;
  startTime: string | null;
  endTime: string | null;
  steps: RecordStep[];
  /** The task's AOM mapping as the cloud reports it now. */
  components: AomComponent[];
  appId: string | null;
  /** The release # from the task's history, when found there (the record route adds it). */
  releaseId?: number | null;
}

export interface RecordParam {
  name: string;
  type: string;
  /** null when the value is secret (masked). */
  value: string | null;
  secret: boolean;
}

export interface LogChunk {
  text: string;
  offset: string;
  endOffset: string;
  hasMore: boolean;
}

/** The upstream StartDeployTask answer, passed through as the seed asks. */
export interface StartResult {
  id: string;
  task_id: string;
  job_name: string | null;
  app_component_list: {
    task_id?: string | null;
    app_id?: string | null;
    app_name?: string | null;
    comp_id?: string | null;
    comp_name?: string | null;
    domain_id?: string | null;
    region?: string | null;
    state?: string | null;
  }[];
}

/** Every console API error leaves in this shape. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    upstream?: { status: number; error_code: string | null; error_msg: string | null; request_id: string | null };
    issues?: { path: (string | number)[]; message: string }[];
    /** deploy_in_progress: the deployment that holds the task (lib/schemas/ledger.ts). */
    inFlight?: InFlight | null;
  };
}

export const TERMINAL_STATES: RunState[] = ["succeeded", "failed", "abort", "timeout", "not_started"];
export const isTerminal = (s: RunState | undefined) => s !== undefined && TERMINAL_STATES.includes(s);
