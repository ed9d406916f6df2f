/**
 * The start form's model. Only types come from lib/schemas/deploy here: importing its values would put zod and
 * every wire schema into the task page's first-load JS, so the few constants the rows need are restated and
 * pinned to the schema module by the type checker (a drifted twin is a compile error).
 */
import type { Resolver } from "react-hook-form";
import type { z } from "zod";
import type { MAX_PARAM_ROWS, PARAM_TYPES, ROW_ERROR, startDeployBodySchema } from "@/lib/schemas/deploy";

/** The start form's values before and after startDeployBodySchema (the route validates the same schema). */
export type StartFormInput = z.input<typeof startDeployBodySchema>;
export type StartFormOutput = z.output<typeof startDeployBodySchema>;

type ParamType = (typeof PARAM_TYPES)[number];
type RowErrorCode = (typeof ROW_ERROR)[keyof typeof ROW_ERROR] | "too_many_rows";
/** Resolves to `true` only when the list holds every member of the union (and nothing else). */
type Covers<List extends readonly unknown[], Union> = [Union] extends [List[number]] ? true : false;

export const PARAM_TYPE_OPTIONS = ["text", "enum", "host_group", "encrypt"] as const satisfies readonly ParamType[];
export const ROW_ERROR_CODES = [
  "key_format",
  "key_duplicate",
  "value_too_long",
  "value_template",
  "type_required",
  "too_many_rows",
] as const satisfies readonly RowErrorCode[];
export const MAX_ROWS: typeof MAX_PARAM_ROWS = 500;

const checks: [Covers<typeof PARAM_TYPE_OPTIONS, ParamType>, Covers<typeof ROW_ERROR_CODES, RowErrorCode>] = [true, true];
void checks;

const loadValidation = () =>
  Promise.all([import("@hookform/resolvers/zod"), import("@/lib/schemas/deploy")]).then(
    ([{ zodResolver }, { startDeployBodySchema }]) => zodResolver(startDeployBodySchema),
  );

/** Starts loading zod and the schema (call on the first interaction with the form). */
export const preloadValidation = () => void loadValidation();

/** zodResolver(startDeployBodySchema), loaded on first use: zod stays out of the page's first-load JS. */
export const startFormResolver: Resolver<StartFormInput, unknown, StartFormOutput> = async (values, context, options) =>
  (await loadValidation())(values, context, options);
