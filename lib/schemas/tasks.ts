/**
 * A deployment task (isomorphic contract): GET /api/tasks/{taskId} — the task, its runtime parameter
 * definitions, what the user may do with it, the deployment that holds it, and the user's last values.
 */
import { z } from "zod";
import { appAccessSchema } from "./access";
import { idSchema, isoOrNull } from "./common";
import { taskFreezeSchema } from "./freeze-windows";
import { taskLockSchema } from "./locks";
import { PARAM_TYPES } from "./param-rules";
import { aomComponentSchema } from "./records";

export const taskParamsSchema = z.object({ taskId: idSchema });

export const paramDefinitionSchema = z.object({
  name: z.string(),
  type: z.enum(PARAM_TYPES),
  /** Last run's value; always null for `encrypt` (never prefilled). */
  value: z.string().nullable(),
  /** Where the definition came from. */
  source: z.enum(["last_run", "step_reference"]),
  /** Previously used values (for `enum` rows), newest first. */
  options: z.array(z.string()),
});
export type ParamDefinition = z.infer<typeof paramDefinitionSchema>;

export const taskDetailSchema = z.object({
  taskId: z.string(),
  appId: z.string().nullable(),
  name: z.string(),
  description: z.string().nullable(),
  projectName: z.string().nullable(),
  draft: z.boolean(),
  disabled: z.boolean(),
  deploySystem: z.string().nullable(),
  owner: z.string().nullable(),
  createdAt: isoOrNull,
  updatedAt: isoOrNull,
  /** "0" anyone may trigger, "1" pipeline only; null when the cloud did not say. */
  triggerSource: z.enum(["0", "1"]).nullable(),
  steps: z.array(z.object({ key: z.string(), name: z.string(), enabled: z.boolean() })),
  params: z.array(paramDefinitionSchema),
  components: z.array(aomComponentSchema),
  lastRecordId: z.string().nullable(),
});
export type TaskDetail = z.infer<typeof taskDetailSchema>;

/** A deployment of the task started through the console that may still be running. */
export const inFlightSchema = z.object({
  by: z.object({ id: z.string().nullable(), name: z.string().nullable(), email: z.string().nullable() }),
  /** When the start was requested (ISO-8601 UTC). */
  at: z.string(),
  recordId: z.string().nullable(),
  /** in_doubt: the cloud may or may not have started it; the reconciler is checking its history. */
  state: z.enum(["running", "in_doubt"]),
  /** `/tasks/{taskId}/records/{recordId}` when the record is known. */
  link: z.string().nullable(),
  /** The `requested` ledger row; null when the deployment was not started through the console. */
  ledgerId: z.string().nullable(),
});
export type InFlight = z.infer<typeof inFlightSchema>;

/** "My last run": the non-secret values of this user's last start of the task through the console. */
export const myLastRunSchema = z.object({
  params: z.array(z.object({ key: z.string(), type: z.string(), value: z.string() })),
  recordId: z.string().nullable(),
  at: z.string(),
});
export type MyLastRun = z.infer<typeof myLastRunSchema>;

/** The answer of GET /api/tasks/{taskId}. */
export const taskAnswerSchema = taskDetailSchema.extend({
  access: appAccessSchema,
  /** The deployment that holds the task (or null), so the page can say so before the button is pressed. */
  inFlight: inFlightSchema.nullable(),
  /** This user's last values for the task, prefilled by the start form. */
  mine: myLastRunSchema.nullable(),
  /** The deploy lock that holds the task now (or null): anyone but its owner is refused 423 task_locked. */
  lock: taskLockSchema.nullable(),
  /** Freeze windows on the task in force now or opening within 7 days (a start inside one is refused 423 change_freeze). */
  freeze: taskFreezeSchema,
  /** Starts need a second person's approval: the page submits a request (POST …/requests) instead of starting. */
  approvalRequired: z.boolean(),
});
export type TaskAnswer = z.infer<typeof taskAnswerSchema>;
