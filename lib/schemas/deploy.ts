/**
 * The console's own types and the start form's schema — isomorphic: the form, the route handler and the
 * client all validate with these. Vendor (wire) shapes stay in lib/codearts/schemas.ts.
 */
import { z } from "zod";
import {
  ID_PATTERN,
  MAX_PARAM_ROWS,
  PARAM_KEY_PATTERN,
  PARAM_TYPES,
  PARAM_VALUE_MAX,
  ROW_ERROR,
  TEMPLATE_OPENERS,
} from "./param-rules";
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

/** POST /api/tasks/{taskId}/start — the seed's body. */
export const startDeployBodySchema = z
  .object({
    params: z.array(paramRowSchema).max(MAX_PARAM_ROWS, ROW_ERROR.tooManyRows).default([]),
    record_id: idSchema.optional(),
    trigger_source: z.enum(["0", "1"]).optional(),
    // Console-only (never sent upstream): protected apps need the typed app name and a reason.
    reason: z.string().trim().min(1, "reason_required").max(500, "reason_too_long").optional(),
    confirm_name: z.string().max(128).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Map<string, number>();
    body.params.forEach((row, i) => {
      if (seen.has(row.key)) {
        ctx.addIssue({ code: "custom", path: ["params", i, "key"], message: ROW_ERROR.keyDuplicate });
      } else seen.set(row.key, i);
    });
  });
export type StartDeployBody = z.infer<typeof startDeployBodySchema>;

// ---------------------------------------------------------------------------------------------------------------
// Answers of the console API (what components see)
// ---------------------------------------------------------------------------------------------------------------

export type RunState =
  | "running"
  | "succeeded"
  | "failed"
  | "abort"
  | "not_started"
  | "pending"
  | "timeout"
  | "not_executed"
  | "unknown";

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
