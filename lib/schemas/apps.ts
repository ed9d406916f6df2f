/** GET /api/apps — the task picker (isomorphic contract: query and answer). */
import { z } from "zod";
import { appAccessSchema } from "./access";
import { intParam, isoOrNull, pageOf, runStateSchema, startedBySchema, textSchema } from "./common";
import { taskLockSchema } from "./locks";
import { EXECUTION_STATES } from "./param-rules";

/** The picker's last-state filter: the ListAllApp `states` vocabulary. */
const APP_STATE_FILTERS = EXECUTION_STATES;

export const appsQuerySchema = z
  .object({
    q: textSchema().max(128, "must be at most 128 characters").optional(),
    page: intParam(1, 99999, 1),
    size: intParam(1, 100, 20),
    state: z.enum(APP_STATE_FILTERS).optional(),
  })
  .strict();

export const appSummarySchema = z.object({
  appId: z.string(),
  taskId: z.string().nullable(),
  name: z.string(),
  projectName: z.string().nullable(),
  lastState: runStateSchema,
  lastRunAt: isoOrNull,
  executor: z.string().nullable(),
  releaseId: z.number().int().nullable(),
  duration: z.string().nullable(),
  favourite: z.boolean(),
  disabled: z.boolean(),
  /** The task is a draft (CodeArts refuses to deploy it: Deploy.00011042). */
  draft: z.boolean(),
  /** "0" anyone may trigger, "1" pipeline only (ShowTaskTrigger); null when the cloud did not say. */
  triggerSource: z.enum(["0", "1"]).nullable(),
  deploySystem: z.string().nullable(),
});
export type AppSummary = z.infer<typeof appSummarySchema>;

export const appsPageSchema = pageOf(appSummarySchema);
export type AppsPage = z.infer<typeof appsPageSchema>;

/** A picker row: the app and what the signed-in user may do with it. */
export const appItemSchema = appSummarySchema.extend({
  access: appAccessSchema,
  /** The person who started the last run through the console (the ledger); null when it was started elsewhere. */
  lastRunBy: startedBySchema.nullable().optional(),
  /** The deploy lock that holds the task now, if any. */
  lock: taskLockSchema.nullable().optional(),
});
export type AppItem = z.infer<typeof appItemSchema>;

/** The answer of GET /api/apps. */
export const appsAnswerSchema = pageOf(appItemSchema);
export type AppsAnswer = z.infer<typeof appsAnswerSchema>;

/** The picker's first page, rendered with the HTML of /apps (lib/server/first-apps-page.ts). */
export interface FirstAppsPage {
  q: string;
  state: string;
  page: number;
  data: AppsAnswer;
}
