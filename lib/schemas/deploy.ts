/**
 * Starting a deployment (isomorphic contract): POST /api/tasks/{taskId}/start and …/preview — the start body (the
 * form validates with the same schema as the route), the preview's comparison and the start answer. Vendor (wire)
 * shapes stay in lib/codearts/schemas.ts.
 */
import { z } from "zod";
import { MAX_PARAM_ROWS, PARAM_KEY_PATTERN, PARAM_TYPES, PARAM_VALUE_MAX, ROW_ERROR, TEMPLATE_OPENERS, hasLoneSurrogate, hasNul } from "./param-rules";
import { formToBody } from "../deploy/prefill";
import { idSchema, textSchema } from "./common";
import { recordSummarySchema } from "./records";

export const paramRowSchema = z.object({
  key: z.string().regex(PARAM_KEY_PATTERN, ROW_ERROR.keyFormat),
  value: z
    .string()
    .max(PARAM_VALUE_MAX, ROW_ERROR.valueTooLong)
    .refine((v) => !hasLoneSurrogate(v), ROW_ERROR.valueCharacters)
    .refine((v) => !TEMPLATE_OPENERS.some((o) => v.includes(o)), ROW_ERROR.valueTemplate),
  type: z.enum(PARAM_TYPES, ROW_ERROR.typeRequired),
});
export type ParamRow = z.infer<typeof paramRowSchema>;

const paramKeySchema = z.string().regex(PARAM_KEY_PATTERN, ROW_ERROR.keyFormat);

/** What a start sends besides the console-only confirmation fields (also the body of the preview). */
const startShape = {
  params: z.array(paramRowSchema).max(MAX_PARAM_ROWS, ROW_ERROR.tooManyRows).default([]),
  record_id: idSchema.optional(),
  /**
   * Console-only: `encrypt` parameters deliberately not sent, so the cloud keeps the value it stores (the secret
   * is never readable back). Listed so the ledger and the diff can tell "kept" from "forgotten".
   */
  keep_secrets: z.array(paramKeySchema).max(MAX_PARAM_ROWS, ROW_ERROR.tooManyRows).optional(),
};

type StartShape = { params: ParamRow[]; keep_secrets?: string[] };

/**
 * Duplicate keys, a kept secret that is also sent, and U+0000 in a value that is kept (text, enum, host_group:
 * the ledger and "my last run" store them). An `encrypt` value may hold U+0000: CodeArts' only rules for values
 * are the length and the template openers, and the console stores no secret value, only its keyed fingerprint.
 */
export function checkKeys(body: StartShape, ctx: z.RefinementCtx) {
  const seen = new Map<string, number>();
  body.params.forEach((row, i) => {
    if (row.type !== "encrypt" && hasNul(row.value)) ctx.addIssue({ code: "custom", path: ["params", i, "value"], message: ROW_ERROR.valueCharacters });
    if (seen.has(row.key)) {
      ctx.addIssue({ code: "custom", path: ["params", i, "key"], message: ROW_ERROR.keyDuplicate });
    } else seen.set(row.key, i);
  });
  const kept = new Set<string>();
  body.keep_secrets?.forEach((key, i) => {
    if (seen.has(key) || kept.has(key)) ctx.addIssue({ code: "custom", path: ["keep_secrets", i], message: ROW_ERROR.keepConflict });
    kept.add(key);
  });
}

/**
 * The start body's fields without the cross-field rules (duplicate keys, a rollback's reason): what a refused
 * attempt's ledger row reads from the body it was sent.
 */
export const startBodyFieldsSchema = z
  .object({
    ...startShape,
    trigger_source: z.enum(["0", "1"]).optional(),
    // Console-only (never sent upstream): the reason (rollbacks, protected apps) and a protected app's typed name.
    reason: textSchema().trim().min(1, "reason_required").max(500, "reason_too_long").optional(),
    confirm_name: textSchema().max(128).optional(),
    // Console-only: an administrator deploys inside a freeze window on purpose (with a reason).
    override_freeze: z.literal(true, "must be true (or left out)").optional(),
  })
  .strict();

/** POST /api/tasks/{taskId}/start. A rollback (record_id) and a freeze override always need a reason. */
export const startDeployBodySchema = startBodyFieldsSchema.superRefine((body, ctx) => {
  checkKeys(body, ctx);
  if ((body.record_id || body.override_freeze) && !body.reason) {
    ctx.addIssue({ code: "custom", path: ["reason"], message: "reason_required" });
  }
});
export type StartDeployBody = z.infer<typeof startDeployBodySchema>;

/**
 * The start form's model: rows may tick "keep the stored value" on a secret; an `encrypt` row needs a value or
 * that tick. Its output is the start body (kept rows leave `params` for `keep_secrets`), so the form validates
 * exactly what the route validates, plus the form's own secret rule.
 */
export const startFormSchema = z
  .object({
    params: z
      .array(paramRowSchema.extend({ keep: z.boolean().optional() }))
      .max(MAX_PARAM_ROWS, ROW_ERROR.tooManyRows)
      .default([]),
    record_id: idSchema.optional(),
    trigger_source: z.enum(["0", "1"]).optional(),
  })
  .superRefine((form, ctx) => {
    checkKeys({ params: form.params }, ctx);
    form.params.forEach((row, i) => {
      if (row.type === "encrypt" && !row.keep && row.value === "") {
        ctx.addIssue({ code: "custom", path: ["params", i, "value"], message: ROW_ERROR.secretRequired });
      }
    });
  })
  .transform((form) => formToBody(form));

/** POST /api/tasks/{taskId}/preview — what a start with these rows would change against the latest record. */
export const previewBodySchema = z.object(startShape).strict().superRefine(checkKeys);
export type PreviewBody = z.infer<typeof previewBodySchema>;

/**
 * One parameter compared with the task's latest record. Secret values are never shown: `secret` rows carry
 * `secretStatus` instead — from the ledger's fingerprints when the console started that record ("changed",
 * "unchanged"), "unknown" when it was set outside the console, "kept" when the start keeps the stored value.
 */
export const paramComparisonSchema = z.object({
  key: z.string(),
  /** "kept": a secret not sent, so CodeArts uses the value it stores (which the console cannot compare). */
  status: z.enum(["changed", "same", "added", "removed", "kept"]),
  type: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  secret: z.boolean(),
  secretStatus: z.enum(["changed", "unchanged", "unknown", "kept"]).nullable(),
});
export type ParamComparison = z.infer<typeof paramComparisonSchema>;

/** The answer of POST /api/tasks/{taskId}/preview. */
export const startPreviewSchema = z.object({
  /** The task's latest record (newest in the retained history), which the comparison is against. */
  latest: recordSummarySchema.nullable(),
  /** Whether the console started the latest record (its ledger fingerprints are known). */
  latestViaConsole: z.boolean(),
  changes: z.array(paramComparisonSchema),
});
export type StartPreview = z.infer<typeof startPreviewSchema>;

/** The upstream StartDeployTask answer, passed through as the seed asks (the console API's start answer). */
export const startResultSchema = z.object({
  id: z.string(),
  task_id: z.string(),
  job_name: z.string().nullable(),
  app_component_list: z.array(
    z.object({
      task_id: z.string().nullish(),
      app_id: z.string().nullish(),
      app_name: z.string().nullish(),
      comp_id: z.string().nullish(),
      comp_name: z.string().nullish(),
      domain_id: z.string().nullish(),
      region: z.string().nullish(),
      state: z.string().nullish(),
    }),
  ),
});
export type StartResult = z.infer<typeof startResultSchema>;
