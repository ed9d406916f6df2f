/**
 * The start form's model. Only types come from lib/schemas/deploy here (its values would put zod and the schema
 * into the task page's first-load JS); the row rules come from the zod-free lib/schemas/param-rules.
 */
import type { Resolver } from "react-hook-form";
import type { z } from "zod";
import type { startFormSchema } from "@/lib/schemas/deploy";
import { MAX_PARAM_ROWS, PARAM_TYPES, ROW_ERROR } from "@/lib/schemas/param-rules";

/** The start form's values before and after startFormSchema (its output is the body the route validates). */
export type StartFormInput = z.input<typeof startFormSchema>;
export type StartFormOutput = z.output<typeof startFormSchema>;

export const PARAM_TYPE_OPTIONS = PARAM_TYPES;
export const ROW_ERROR_CODES = Object.values(ROW_ERROR);
export const MAX_ROWS = MAX_PARAM_ROWS;

const loadValidation = () =>
  Promise.all([import("@hookform/resolvers/zod"), import("@/lib/schemas/deploy")]).then(([{ zodResolver }, { startFormSchema }]) =>
    zodResolver(startFormSchema),
  );

/** Starts loading zod and the schema (call on the first interaction with the form). */
export const preloadValidation = () => void loadValidation();

/** zodResolver(startFormSchema), loaded on first use: zod stays out of the page's first-load JS. */
export const startFormResolver: Resolver<StartFormInput, unknown, StartFormOutput> = async (values, context, options) =>
  (await loadValidation())(values, context, options);
