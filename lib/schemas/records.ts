/**
 * A task's deployment records (isomorphic contract): GET /api/tasks/{taskId}/records, …/records/{recordId},
 * …/params, …/logs and …/stop — path, query and answer schemas.
 */
import { z } from "zod";
import { flagParam, idSchema, intParam, isoOrNull, pageOf, runStateSchema, startedBySchema } from "./common";
import { RETENTION_DAYS } from "./param-rules";

export const recordParamsSchema = z.object({ taskId: idSchema, recordId: idSchema });

const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as yyyy-MM-dd")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "is not a real date");

export const recordsQuerySchema = z
  .object({
    from: dateParam.optional(),
    to: dateParam.optional(),
    page: intParam(1, 99999, 1),
    size: intParam(1, 100, 10),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < RETENTION_DAYS, {
    message: `the range must be at most ${RETENTION_DAYS} days`,
    path: ["from"],
  });

/**
 * One chunk of the log from `offset`. `final`: the reader knows the record has ended and wants the log as it stands
 * now — never an answer read before the end (lib/codearts/logs.ts keeps the last chunk briefly while a record runs).
 */
export const logsQuerySchema = z.object({ offset: intParam(0, Number.MAX_SAFE_INTEGER, 0), final: flagParam.optional() }).strict();

/** The record a rollback returned to; `releaseId` null when its release # could not be found in the history. */
const rollbackOfSchema = z.object({ recordId: z.string(), releaseId: z.number().int().nullable() });

export const recordSummarySchema = z.object({
  recordId: z.string(),
  releaseId: z.number().int().nullable(),
  state: runStateSchema,
  operator: z.string().nullable(),
  startTime: isoOrNull,
  endTime: isoOrNull,
  duration: z.string().nullable(),
  type: z.string().nullable(),
  /** GET …/records only, from the console's ledger: the reason given when the console started this record. */
  reason: z.string().nullable().optional(),
  /** GET …/records only: the console started this record as a rollback to `recordId`. */
  rollbackOf: rollbackOfSchema.nullable().optional(),
  /** GET …/records only: who started it through the console (null: started elsewhere, e.g. a pipeline). */
  startedBy: startedBySchema.nullable().optional(),
});
export type RecordSummary = z.infer<typeof recordSummarySchema>;

export const recordsPageSchema = pageOf(recordSummarySchema).extend({ from: z.string(), to: z.string() });
export type RecordsPage = z.infer<typeof recordsPageSchema>;

export const aomComponentSchema = z.object({
  appId: z.string(),
  appName: z.string(),
  compId: z.string(),
  compName: z.string(),
  region: z.string(),
  domainId: z.string(),
  effective: z.boolean(),
});
export type AomComponent = z.infer<typeof aomComponentSchema>;

/**
 * A step's state, derived (StepInfo has none): from the record's state, the step's order, whether it is enabled
 * and whether it made progress (elapsed time, log offsets) — see lib/codearts/reshape.ts stepStates.
 */
const STEP_STATES = ["pending", "running", "succeeded", "failed", "stopped", "skipped", "not_run", "unknown"] as const;
export const stepStateSchema = z.enum(STEP_STATES);
export type StepState = z.infer<typeof stepStateSchema>;

export const recordStepSchema = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  state: stepStateSchema,
  elapsedMs: z.number().nullable(),
  faqUrl: z.string().nullable(),
});
export type RecordStep = z.infer<typeof recordStepSchema>;

export const recordDetailSchema = z.object({
  recordId: z.string(),
  taskId: z.string(),
  taskName: z.string().nullable(),
  state: runStateSchema,
  finished: z.boolean(),
  executor: z.string().nullable(),
  startTime: isoOrNull,
  endTime: isoOrNull,
  steps: z.array(recordStepSchema),
  /** The AOM mapping: what the record produced, or the task's as the cloud reports it now (`componentsAsOf`). */
  components: z.array(aomComponentSchema),
  appId: z.string().nullable(),
  /** The release # from the task's history, when found there (the record route adds it). */
  releaseId: z.number().int().nullable().optional(),
  /**
   * The record route adds the rest. `componentsAsOf`: "finished" = captured right after this record finished
   * (`componentsCapturedAt`), what it produced; "running" = the task's mapping now, while this record runs;
   * "later" = the task's mapping now, after a later record replaced what this one produced (not captured);
   * "current" = the task's mapping now, unverified (the console could not tell).
   */
  componentsAsOf: z.enum(["finished", "running", "later", "current"]).optional(),
  componentsCapturedAt: isoOrNull.optional(),
  startedBy: startedBySchema.nullable().optional(),
  /** The job the cloud named in the start answer (kept in the ledger); null when the console did not start it. */
  jobName: z.string().nullable().optional(),
  reason: z.string().nullable().optional(),
  rollbackOf: rollbackOfSchema.nullable().optional(),
});
export type RecordDetail = z.infer<typeof recordDetailSchema>;

export const recordParamSchema = z.object({
  name: z.string(),
  type: z.string(),
  /** null when the value is secret (masked). */
  value: z.string().nullable(),
  secret: z.boolean(),
});
export type RecordParam = z.infer<typeof recordParamSchema>;

export const logChunkSchema = z.object({
  text: z.string(),
  offset: z.string(),
  endOffset: z.string(),
  hasMore: z.boolean(),
  /** The zone of the cloud's timestamps in `text` (CODEARTS_UTC_OFFSET), minutes east of UTC; the text says none. */
  utcOffsetMinutes: z.number().int(),
});
export type LogChunk = z.infer<typeof logChunkSchema>;

/** POST …/records/{recordId}/stop: the cloud's answer, passed through. */
export const stopResultSchema = z.object({ id: z.string(), task_id: z.string() });
export type StopResult = z.infer<typeof stopResultSchema>;

/** The record page's link for a task's record. */
export const recordLink = (taskId: string | null, recordId: string | null) => (taskId && recordId ? `/tasks/${taskId}/records/${recordId}` : null);
