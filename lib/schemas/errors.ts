/**
 * The error envelope every console API refusal leaves in (isomorphic contract):
 * `{ error: { code, message, upstream?, issues?, inFlight?, lock?, freeze?, differences?, reason?, args? } }`. The codes and their statuses: ./error-codes.ts.
 */
import { z } from "zod";
import { approvalDifferenceSchema } from "./approvals";
import { taskFreezeSchema } from "./freeze-windows";
import { taskLockSchema } from "./locks";
import { inFlightSchema } from "./tasks";

/** The cloud's side of an upstream failure, kept as the cloud said it. */
const upstreamErrorSchema = z.object({
  status: z.number().int(),
  error_code: z.string().nullable(),
  error_msg: z.string().nullable(),
  request_id: z.string().nullable(),
});

const fieldIssueSchema = z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() });

export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    upstream: upstreamErrorSchema.optional(),
    issues: z.array(fieldIssueSchema).optional(),
    /** deploy_in_progress: the deployment that holds the task. */
    inFlight: inFlightSchema.nullable().optional(),
    /** task_locked: the lock that refuses the start. */
    lock: taskLockSchema.optional(),
    /** change_freeze: the windows in force that refuse the start, and whether the caller may override them. */
    freeze: taskFreezeSchema.optional(),
    /** approval_mismatch: what differs from the approved request (never a secret's value). */
    differences: z.array(approvalDifferenceSchema).optional(),
    /** What exactly the refusal is about (ERROR_REASONS in ./error-codes.ts), for a message in the reader's language. */
    reason: z.string().optional(),
    /** The values that message mentions (e.g. the name that is taken). */
    args: z.record(z.string(), z.string()).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
