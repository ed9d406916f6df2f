/**
 * Building blocks of the console API's contracts (isomorphic): ids, paging, query-string numbers, run states, and
 * the cloud's history retention. Each resource's own schemas live in the file named after it.
 */
import { z } from "zod";
import { ID_PATTERN } from "./param-rules";

/** Every CodeArts id (app, task, record, project, AOM ids). */
export const idSchema = z.string().regex(ID_PATTERN, "must be 32 characters of 0-9 and a-z");
export const uuidSchema = z.uuid("must be a UUID");

/** A whole-number query parameter in [min, max]; `dflt` when absent. */
export const intParam = (min: number, max: number, dflt: number) =>
  z
    .string()
    .regex(/^\d{1,15}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((v) => v ?? dflt);

/** One page of a list answer. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), size: z.number().int() });

/** An ISO-8601 UTC instant, or null when the cloud did not say. */
export const isoOrNull = z.string().nullable();

export const RUN_STATES = ["running", "succeeded", "failed", "abort", "not_started", "pending", "timeout", "not_executed", "unknown"] as const;
export const runStateSchema = z.enum(RUN_STATES);
export type RunState = z.infer<typeof runStateSchema>;
