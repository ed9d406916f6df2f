/** Path and query schemas of the console API (shared by the route handlers and the UI's query builders). */
import { z } from "zod";
import { idSchema } from "./deploy";
import { EXECUTION_STATES } from "./param-rules";
import { intParam } from "./query";

export const taskParamsSchema = z.object({ taskId: idSchema });
export const recordParamsSchema = z.object({ taskId: idSchema, recordId: idSchema });

/** The picker's last-state filter: the ListAllApp `states` vocabulary. */
export const APP_STATE_FILTERS = EXECUTION_STATES;

export const appsQuerySchema = z
  .object({
    q: z.string().max(128, "must be at most 128 characters").optional(),
    page: intParam(1, 99999, 1),
    size: intParam(1, 100, 20),
    state: z.enum(APP_STATE_FILTERS).optional(),
  })
  .strict();

const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as yyyy-MM-dd")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "is not a real date");

/** History range: at most 92 days (the cloud's retention). */
export const MAX_HISTORY_DAYS = 92;

export const recordsQuerySchema = z
  .object({
    from: dateParam.optional(),
    to: dateParam.optional(),
    page: intParam(1, 99999, 1),
    size: intParam(1, 100, 10),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_HISTORY_DAYS, {
    message: `the range must be at most ${MAX_HISTORY_DAYS} days`,
    path: ["from"],
  });

export const logsQuerySchema = z.object({ offset: intParam(0, Number.MAX_SAFE_INTEGER, 0) }).strict();
