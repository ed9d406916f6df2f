/**
 * Two-person approval (isomorphic contract): POST /api/tasks/{taskId}/requests, GET /api/requests,
 * GET /api/requests/{id}, POST /api/requests/{id}/{approve,reject,execute} and the admin's
 * /api/admin/approval-apps. The states and limits the pages need are zod-free in ./approval-rules.ts.
 */
import { z } from "zod";
import { APPROVAL_STATES, DIFFERENCE_CHANGES } from "./approval-rules";
import { flagParam, idSchema, textSchema, uuidSchema } from "./common";
import { checkKeys, startBodyFieldsSchema } from "./deploy";
import { ledgerParamSchema } from "./ledger";

/** POST /api/tasks/{taskId}/requests: what would be started (as a start body says it) and why. */
export const approvalRequestBodySchema = startBodyFieldsSchema
  .pick({ params: true, record_id: true, keep_secrets: true, trigger_source: true })
  .extend({ reason: textSchema().trim().min(1, "reason_required").max(500, "reason_too_long") })
  .strict()
  .superRefine(checkKeys);
export type ApprovalRequestBody = z.infer<typeof approvalRequestBodySchema>;

/**
 * POST /api/requests/{id}/execute: the start body, which must be exactly the approved request (secrets typed again, or
 * kept as approved). The reason defaults to the request's; a freeze override still needs its own.
 */
export const executeBodySchema = startBodyFieldsSchema.superRefine((body, ctx) => {
  checkKeys(body, ctx);
  if (body.override_freeze && !body.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "reason_required" });
});

export const approvalParamsSchema = z.object({ id: uuidSchema });

/** POST /api/requests/{id}/approve and …/reject: the decider's comment (a rejection must say why). */
export const approveBodySchema = z.object({ comment: textSchema().trim().max(1000).optional() }).strict();
export const rejectBodySchema = z.object({ comment: textSchema().trim().min(1, "say why the request is rejected").max(1000) }).strict();

/** GET /api/requests: `toApprove` — pending requests of others this user may decide; `mine` — this user's own. */
export const requestsQuerySchema = z
  .object({ state: z.enum(APPROVAL_STATES).optional(), mine: flagParam.optional(), toApprove: flagParam.optional() })
  .strict();

const personSchema = z.object({ id: z.string().nullable(), name: z.string().nullable(), email: z.string().nullable() });

export const approvalRequestSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  appName: z.string().nullable(),
  requester: personSchema,
  /** As the ledger keeps them: `encrypt` values are `hmac:` fingerprints. */
  params: z.array(ledgerParamSchema),
  /** Secrets the start leaves to the value CodeArts stores. */
  keepSecrets: z.array(z.string()),
  recordId: z.string().nullable(),
  triggerSource: z.enum(["0", "1"]).nullable(),
  fingerprint: z.string(),
  reason: z.string(),
  /** `expired`: pending or approved past `expiresAt`. */
  state: z.enum(APPROVAL_STATES),
  decidedBy: personSchema.nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
  /** ISO-8601 UTC: a pending request's decision deadline, an approval's last moment of validity. */
  expiresAt: z.string(),
  executedRecordId: z.string().nullable(),
  createdAt: z.string(),
  /** A protected app's name, which the executor types (the typed name belongs to the start, not to the request). */
  protectedName: z.string().nullable(),
  /** What the signed-in user may do with it now. */
  mine: z.boolean(),
  canDecide: z.boolean(),
  canExecute: z.boolean(),
});
export type ApprovalRequest = z.infer<typeof approvalRequestSchema>;

export const approvalRequestsSchema = z.object({ items: z.array(approvalRequestSchema) });

/** One difference between an approved request and an execution (never a secret's value). */
export const approvalDifferenceSchema = z.object({
  field: z.enum(["param", "record_id", "trigger_source"]),
  /** The parameter's key (param differences). */
  key: z.string().nullable(),
  change: z.enum(DIFFERENCE_CHANGES),
  /** The approved and the sent value: null for secrets, and for a side that has none. */
  approved: z.string().nullable(),
  sent: z.string().nullable(),
});
export type ApprovalDifference = z.infer<typeof approvalDifferenceSchema>;

// ---- Admin: which apps need an approval (keyed by task id, like protected apps)

export const approvalAppSchema = z.object({ appId: z.string(), taskId: z.string(), appName: z.string(), setBy: z.string(), setAt: z.string() });
export type ApprovalApp = z.infer<typeof approvalAppSchema>;
export const approvalAppParamsSchema = z.object({ taskId: idSchema });
export const newApprovalAppBodySchema = z
  .object({ appId: idSchema, taskId: idSchema, appName: textSchema().trim().min(1, "must not be empty").max(255) })
  .strict();
export type NewApprovalAppBody = z.infer<typeof newApprovalAppBodySchema>;
