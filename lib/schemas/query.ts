/** Query-string helpers shared by the API and ledger schemas. */
import { z } from "zod";

/** A whole-number query parameter in [min, max]; `dflt` when absent. */
export const intParam = (min: number, max: number, dflt: number) =>
  z
    .string()
    .regex(/^\d{1,15}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((v) => v ?? dflt);
