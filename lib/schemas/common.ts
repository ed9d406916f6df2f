/**
 * Building blocks of the console API's contracts (isomorphic): ids, paging, query-string numbers, run states, the
 * body and Idempotency-Key limits. Each resource's own schemas live in the file named after it.
 */
import { z } from "zod";
import { ID_PATTERN, isStorableText } from "./param-rules";

/** Every CodeArts id (app, task, record, project, AOM ids). */
export const idSchema = z.string().regex(ID_PATTERN, "must be 32 characters of 0-9 and a-z");
export const uuidSchema = z.uuid("must be a UUID");

/** Largest JSON body a console route accepts (500 rows × 8 KiB values fit with room to spare). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The Idempotency-Key header of a start: 8–128 letters, digits, '.', '_', ':' or '-'. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

/** The message of text with a character no store can keep (param-rules.ts isStorableText). */
export const UNSTORABLE_TEXT = "must not contain U+0000 or unpaired surrogate characters";

/** Free text the console accepts and keeps (names, reasons, filters): every string of every request body and query. */
export const textSchema = () => z.string().refine(isStorableText, UNSTORABLE_TEXT);

/** A whole-number query parameter in [min, max]; `dflt` when absent. */
export const intParam = (min: number, max: number, dflt: number) =>
  z
    .string()
    .regex(/^\d{1,15}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((v) => v ?? dflt);

/** A yes/no query parameter: `1`/`true` or `0`/`false`. */
export const flagParam = z.enum(["1", "true", "0", "false"]).transform((v) => v === "1" || v === "true");

/** One page of a list answer. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), size: z.number().int() });

/** An ISO-8601 UTC instant, or null when the cloud did not say. */
export const isoOrNull = z.string().nullable();

const RUN_STATES = ["running", "succeeded", "failed", "abort", "not_started", "pending", "timeout", "not_executed", "unknown"] as const;
export const runStateSchema = z.enum(RUN_STATES);

/** From the console's ledger: the person who started a record through the console (not the cloud's IAM user). */
export const startedBySchema = z.object({ name: z.string().nullable(), email: z.string().nullable() });
export type StartedBy = z.infer<typeof startedBySchema>;
export type RunState = z.infer<typeof runStateSchema>;
