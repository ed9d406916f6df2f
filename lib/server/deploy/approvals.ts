import "server-only";
/**
 * Two-person approval, the entry points of /api/tasks/{taskId}/requests and /api/requests/…: a deployer submits
 * what they would start (202 with the request and its fingerprint); another user with the deploy right on that app
 * — never the requester, not even an administrator — approves or rejects it with a comment; an approval is valid
 * for APPROVAL_TTL_MS and one execution. Executing runs the ordinary start pipeline (start.ts) naming the request:
 * its approval step compares the start with the approved fingerprint and claims the request for exactly one
 * execution. Every step is a ledger row carrying `approval_id` (approval_request / approve / reject, phase
 * `recorded`; the execution's own start rows); secrets are kept only as the ledger's keyed fingerprints.
 */
import { randomUUID } from "node:crypto";
import { APPROVAL_TTL_MS, type ApprovalState } from "../../schemas/approval-rules";
import type { ApprovalRequest, ApprovalRequestBody } from "../../schemas/approvals";
import type { StartDeployBody } from "../../schemas/deploy";
import type { LedgerActor } from "../../schemas/ledger";
import type { ProtectedApp } from "../../schemas/admin";
import type { ApprovalRequestsTable } from "../db/schema-ledger";
import { protectedNames } from "../db/protected-apps";
import { appOfTask } from "../db/task-names";
import { ApiError, toApiError } from "../errors";
import { ledgerParams } from "../ledger/fingerprint";
import { appendRow, type ClientInfo } from "../ledger/store";
import { canonicalRequest, requestFingerprint } from "./approval-fingerprint";
import { bodyOf, findRequest, type RequestRow, requestNotFound, stateOf } from "./approval-store";
import { type DeployDeps, nowOf } from "./deploy-deps";
import { ledgerStep } from "./fail-closed";
import { refused } from "./refusals";
import { startDeployment, type StartOutcome } from "./start";

/** Who is asking, and what they may do on a task (the route resolves it from the user's grants). */
export interface Caller {
  actor: LedgerActor & { id: string };
  client: ClientInfo;
  may: (taskId: string, permission: "view" | "deploy") => boolean;
  /** The 403 for a task the caller may not act on (names the missing role and who can grant it). */
  forbidden: (taskId: string, permission: "view" | "deploy") => Promise<ApiError>;
}

const iso = (ms: number) => new Date(ms).toISOString();

function toView(r: RequestRow, caller: Pick<Caller, "actor" | "may">, nowMs: number, protectedName: string | null): ApprovalRequest {
  const body = bodyOf(r);
  const state = stateOf(r, nowMs);
  const mine = r.requester_id === caller.actor.id;
  const mayDeploy = caller.may(r.task_id, "deploy");
  return {
    id: r.id,
    taskId: r.task_id,
    appName: r.app_name,
    requester: { id: r.requester_id, name: r.requester_name, email: r.requester_email },
    params: body.params,
    keepSecrets: body.keep_secrets,
    recordId: body.record_id,
    triggerSource: body.trigger_source,
    fingerprint: r.fingerprint,
    reason: r.reason,
    state,
    decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name, email: r.decided_by_email } : null,
    decidedAt: r.decided_at,
    comment: r.comment,
    expiresAt: r.expires_at,
    executedRecordId: r.executed_record_id,
    createdAt: r.created_at,
    protectedName,
    mine,
    canDecide: state === "pending" && !mine && mayDeploy,
    canExecute: state === "approved" && mayDeploy,
  };
}

async function viewOf(deps: DeployDeps, r: RequestRow, caller: Pick<Caller, "actor" | "may">, nowMs: number): Promise<ApprovalRequest> {
  return toView(r, caller, nowMs, (await protectedNames(deps.db, [r.task_id])).get(r.task_id) ?? null);
}

async function ledgerApprovalRow(
  deps: DeployDeps,
  caller: Caller,
  r: Pick<RequestRow, "id" | "task_id" | "body">,
  action: "approval_request" | "approve" | "reject",
  reason: string | null,
  message: string,
  at: Date,
): Promise<void> {
  const app = await appOfTask(deps.db, r.task_id, null);
  const body = bodyOf(r as RequestRow);
  await appendRow(
    deps.db,
    {
      action,
      phase: "recorded",
      attempted: null,
      actor: caller.actor,
      client: caller.client,
      app_id: app.appId,
      app_name: app.appName,
      task_id: r.task_id,
      target_record_id: body.record_id,
      params: body.params,
      reason,
      message,
      approval_id: r.id,
    },
    at,
  );
}

/** POST /api/tasks/{taskId}/requests: stores the request (secrets as fingerprints only) and its ledger row, in one transaction. */
export async function createRequest(deps: DeployDeps, caller: Caller, taskId: string, body: ApprovalRequestBody): Promise<ApprovalRequest> {
  const now = nowOf(deps);
  const canon = canonicalRequest(body, deps.secret);
  const app = await ledgerStep(() => appOfTask(deps.db, taskId));
  const row: ApprovalRequestsTable = {
    id: randomUUID(),
    task_id: taskId,
    app_name: app.appName,
    requester_id: caller.actor.id,
    requester_email: caller.actor.email,
    requester_name: caller.actor.name,
    body: JSON.stringify(canon),
    fingerprint: requestFingerprint(taskId, canon, deps.secret),
    reason: body.reason,
    state: "pending",
    decided_by: null,
    decided_by_email: null,
    decided_by_name: null,
    decided_at: null,
    comment: null,
    expires_at: iso(now + APPROVAL_TTL_MS),
    executed_record_id: null,
    created_at: iso(now),
  };
  await ledgerStep(() =>
    deps.db.transaction().execute(async (tx) => {
      await tx.insertInto("approval_requests").values(row).execute();
      await ledgerApprovalRow(
        { ...deps, db: tx },
        caller,
        row,
        "approval_request",
        body.reason,
        `requested approval ${row.id} (fingerprint ${row.fingerprint})`,
        new Date(now),
      );
    }),
  );
  return viewOf(deps, row, caller, now);
}

/** A request the caller may see (404 when it does not exist; 403 without the view right on its app). */
async function visibleRequest(deps: DeployDeps, caller: Caller, id: string): Promise<RequestRow> {
  const row = await findRequest(deps.db, id);
  if (!row) throw requestNotFound(id);
  if (!caller.may(row.task_id, "view")) throw await caller.forbidden(row.task_id, "view");
  return row;
}

export async function getRequest(deps: DeployDeps, caller: Caller, id: string): Promise<ApprovalRequest> {
  return viewOf(deps, await visibleRequest(deps, caller, id), caller, nowOf(deps));
}

export interface RequestsFilter {
  state?: ApprovalState | undefined;
  mine?: boolean | undefined;
  toApprove?: boolean | undefined;
}

const LIST_LIMIT = 200;

/** GET /api/requests: newest first, only the apps the caller may see. */
export async function listRequests(deps: DeployDeps, caller: Caller, filter: RequestsFilter): Promise<ApprovalRequest[]> {
  const now = nowOf(deps);
  const nowIso = iso(now);
  const state = filter.toApprove ? "pending" : filter.state;
  let q = deps.db.selectFrom("approval_requests").selectAll();
  if (state === "expired") q = q.where("state", "in", ["pending", "approved"]).where("expires_at", "<=", nowIso);
  else if (state === "pending" || state === "approved") q = q.where("state", "=", state).where("expires_at", ">", nowIso);
  else if (state) q = q.where("state", "=", state);
  if (filter.mine) q = q.where("requester_id", "=", caller.actor.id);
  if (filter.toApprove) q = q.where("requester_id", "<>", caller.actor.id);
  const rows = await q.orderBy("created_at", "desc").orderBy("id").limit(LIST_LIMIT).execute();
  const visible = rows.filter((r) => caller.may(r.task_id, filter.toApprove ? "deploy" : "view"));
  const names = await protectedNames(
    deps.db,
    visible.map((r) => r.task_id),
  );
  return visible.map((r) => toView(r, caller, now, names.get(r.task_id) ?? null)).filter((v) => !filter.toApprove || v.canDecide);
}

/**
 * POST /api/requests/{id}/approve | reject. One conditional UPDATE decides (still pending, unexpired, not the
 * requester's own), so two deciders racing have one winner; the loser is 409 approval_not_pending.
 */
export async function decideRequest(
  deps: DeployDeps,
  caller: Caller,
  id: string,
  decision: "approve" | "reject",
  comment: string | null,
): Promise<ApprovalRequest> {
  const row = await visibleRequest(deps, caller, id);
  if (!caller.may(row.task_id, "deploy")) throw await caller.forbidden(row.task_id, "deploy");
  if (row.requester_id === caller.actor.id) {
    throw new ApiError("forbidden", "You cannot approve or reject your own request: another deployer of this app must decide it.", undefined, {
      reason: "own_request",
    });
  }
  const now = nowOf(deps);
  const decided = await ledgerStep(() =>
    deps.db.transaction().execute(async (tx) => {
      const r = await tx
        .updateTable("approval_requests")
        .set({
          state: decision === "approve" ? "approved" : "rejected",
          decided_by: caller.actor.id,
          decided_by_email: caller.actor.email,
          decided_by_name: caller.actor.name,
          decided_at: iso(now),
          comment: comment || null,
          // The approval is valid for one execution within the TTL from now.
          ...(decision === "approve" ? { expires_at: iso(now + APPROVAL_TTL_MS) } : {}),
        })
        .where("id", "=", id)
        .where("state", "=", "pending")
        .where("expires_at", ">", iso(now))
        .where("requester_id", "<>", caller.actor.id)
        .executeTakeFirst();
      if (r.numUpdatedRows === 0n) return false;
      const what = decision === "approve" ? `approved request ${id}, valid until ${iso(now + APPROVAL_TTL_MS)}` : `rejected request ${id}`;
      await ledgerApprovalRow({ ...deps, db: tx }, caller, row, decision, comment || null, what, new Date(now));
      return true;
    }),
  );
  if (!decided) {
    const state = stateOf((await findRequest(deps.db, id)) ?? row, now);
    throw new ApiError("approval_not_pending", `This request is ${state}: only a pending request can be approved or rejected.`);
  }
  return viewOf(deps, (await findRequest(deps.db, id))!, caller, now);
}

export interface ExecuteInput {
  id: string;
  body: StartDeployBody;
  idempotencyKey: string | null;
  protection: (taskId: string) => Promise<ProtectedApp | null>;
  mayOverrideFreeze: boolean;
}

/**
 * POST /api/requests/{id}/execute: the ordinary start pipeline, naming the request (its approval step decides).
 * The start's reason is the request's unless the body gives one. A caller without the deploy right gets the 403
 * as a denied row of the attempt, like a refused start.
 */
export async function executeRequest(deps: DeployDeps, caller: Caller, input: ExecuteInput): Promise<StartOutcome> {
  const row = await findRequest(deps.db, input.id);
  if (!row) throw requestNotFound(input.id);
  const body = { ...input.body, reason: input.body.reason ?? row.reason };
  if (!caller.may(row.task_id, "deploy")) {
    const app = await appOfTask(deps.db, row.task_id);
    const attempt = {
      action: body.record_id ? ("rollback" as const) : ("start" as const),
      actor: caller.actor,
      client: caller.client,
      app_id: app.appId,
      app_name: app.appName,
      task_id: row.task_id,
      target_record_id: body.record_id ?? null,
      params: ledgerParams(body.params, deps.secret),
      reason: body.reason,
      approval_id: row.id,
    };
    throw await refused(deps, attempt, toApiError(await caller.forbidden(row.task_id, "deploy")));
  }
  return startDeployment(deps, {
    taskId: row.task_id,
    body,
    actor: caller.actor,
    client: caller.client,
    idempotencyKey: input.idempotencyKey,
    protection: await input.protection(row.task_id),
    mayOverrideFreeze: input.mayOverrideFreeze,
    approval: row,
  });
}
