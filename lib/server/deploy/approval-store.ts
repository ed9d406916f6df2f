import "server-only";
/**
 * The approval_requests table as the start pipeline and the approval entry points use it: reading a request (its
 * state with expiry applied), the refusals, and the state moves that must be exactly-once across processes — each
 * one conditional UPDATE (… WHERE state = 'pending' / 'approved' AND expires_at > now), so two deciders or fifty
 * executions racing on any replica have one winner and the others see 0 rows updated.
 */
import type { ApprovalState } from "../../schemas/approval-rules";
import type { ApprovalDifference } from "../../schemas/approvals";
import type { Db } from "../db/schema";
import type { ApprovalRequestsTable } from "../db/schema-ledger";
import { ApiError } from "../errors";
import type { CanonicalRequest } from "./approval-fingerprint";

export type RequestRow = ApprovalRequestsTable;

/** The state as the reader sees it: a pending or approved request past its expiry is expired. */
export function stateOf(r: Pick<RequestRow, "state" | "expires_at">, nowMs: number): ApprovalState {
  if ((r.state === "pending" || r.state === "approved") && Date.parse(r.expires_at) <= nowMs) return "expired";
  return r.state;
}

export const bodyOf = (r: RequestRow): CanonicalRequest => JSON.parse(r.body) as CanonicalRequest;

export async function findRequest(db: Db, id: string): Promise<RequestRow | undefined> {
  return db.selectFrom("approval_requests").selectAll().where("id", "=", id).executeTakeFirst();
}

export const requestNotFound = (id: string) => new ApiError("not_found", `There is no approval request ${id}.`);

/** 428: a start of an app that needs an approval, sent without one. */
export function approvalRequiredError(appName: string | null): ApiError {
  return new ApiError(
    "approval_required",
    `${appName ?? "This app"} needs a second person's approval before it is deployed: submit the start as a request (POST /api/tasks/{taskId}/requests), have another deployer approve it, then execute the approved request.`,
  );
}

const NOT_EXECUTABLE = {
  pending: ["approval_pending", "is still waiting for a decision"],
  rejected: ["approval_rejected", "was rejected"],
  expired: ["approval_expired", "has expired"],
  executing: ["approval_used", "has already been executed (or is being executed)"],
  executed: ["approval_used", "has already been executed"],
} as const;

/** 409: executing a request that is not (or no longer) approved. */
export function notExecutableError(state: Exclude<ApprovalState, "approved">): ApiError {
  const [reason, what] = NOT_EXECUTABLE[state];
  return new ApiError("approval_not_executable", `This approval request ${what}: it cannot be executed. An approval is valid for one execution.`, undefined, {
    reason,
  });
}

export function mismatchError(differences: ApprovalDifference[]): ApiError {
  const named = differences.map((d) => (d.field === "param" ? `${d.key} (${d.change})` : d.field)).join(", ");
  return new ApiError(
    "approval_mismatch",
    `This start differs from what was approved: ${named}. Only exactly the approved request can be executed; submit a new request for anything else.`,
    undefined,
    { differences },
  );
}

/** approved → executing, while the approval is valid (in the start's write-ahead transaction). True for the one caller that won. */
export async function claimApproval(db: Db, id: string, nowMs: number): Promise<boolean> {
  const r = await db
    .updateTable("approval_requests")
    .set({ state: "executing" })
    .where("id", "=", id)
    .where("state", "=", "approved")
    .where("expires_at", ">", new Date(nowMs).toISOString())
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** The 409 of a start that lost the claim, by the request's state now (approved again: the winner's start was given back). */
export async function claimLostError(db: Db, id: string, nowMs: number): Promise<ApiError> {
  const after = await findRequest(db, id);
  const state = after ? stateOf(after, nowMs) : "executed";
  return notExecutableError(state === "approved" ? "executing" : state);
}

/** executing → approved: the cloud definitely did not start it (its answer said so, or the reconciler found no record). */
export async function releaseApproval(db: Db, id: string): Promise<void> {
  await db.updateTable("approval_requests").set({ state: "approved" }).where("id", "=", id).where("state", "=", "executing").execute();
}

/** executing → executed with the record it started. */
export async function markExecuted(db: Db, id: string, recordId: string): Promise<void> {
  await db
    .updateTable("approval_requests")
    .set({ state: "executed", executed_record_id: recordId })
    .where("id", "=", id)
    .where("state", "=", "executing")
    .execute();
}
