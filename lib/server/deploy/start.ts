import "server-only";
/**
 * Starting a deployment (or a rollback: a body with record_id) — the one entry point of POST
 * /api/tasks/{taskId}/start once the route wrapper has checked the session and the right to deploy.
 *
 * The pipeline, in order:
 *   1. deploy lock                 (423: someone else holds the task; locks.ts)
 *   2. freeze windows              (423: a window is in force; an admin's override with a reason passes; freeze.ts)
 *   3. approval                    (428: the app needs an approved request; executing one: 409 when it is not
 *                                   approved any more or the start differs from it, else claimed — one winner)
 *   4. protected-app confirmation  (422: the typed app name and a reason)
 *   5. in-flight hold              (409: the task is being deployed through the console)
 *   6. idempotency                 (a request sent again gets its first answer; 409/422 on a busy or reused key)
 *   7. write-ahead `requested` row (503 when it cannot be written: fail closed)
 *   8. one StartDeployTask         (never retried)
 *   9. outcome row                 (started, refused, failed or in doubt; an executed approval is marked so)
 * A check that refuses throws an ApiError; the pipeline writes its `denied` row (refusals.ts) — once, here — and
 * releases the key (and the approval) it claimed. A new check is one more entry of START_CHECKS. Everything that must hold across console processes holds through database constraints.
 */
import type { ProtectedApp } from "../../schemas/admin";
import type { StartDeployBody, StartResult } from "../../schemas/deploy";
import type { LedgerActor } from "../../schemas/ledger";
import type { ApprovalState } from "../../schemas/approval-rules";
import { requiresApproval } from "../db/approval-apps";
import { rememberMyRun } from "../db/my-last-run";
import { appOfTask } from "../db/task-names";
import { ApiError, toApiError } from "../errors";
import { ledgerParams, requestHash } from "../ledger/fingerprint";
import type { ClientInfo } from "../ledger/store";
import { log } from "../log";
import { canonicalRequest, requestDifferences, requestFingerprint } from "./approval-fingerprint";
import {
  approvalRequiredError,
  bodyOf,
  claimApproval,
  findRequest,
  markExecuted,
  mismatchError,
  notExecutableError,
  releaseApproval,
  requestNotFound,
  stateOf,
} from "./approval-store";
import { type DeployDeps, nowOf } from "./deploy-deps";
import { ledgerStep } from "./fail-closed";
import { checkInFlightHold } from "./hold";
import { claimKey, releaseKey } from "./idempotency";
import { refusingWindows } from "../../deploy/start-block";
import { freezeOfTask, frozenError, overrideOf } from "./freeze";
import { currentLock, lockedError } from "./locks";
import { closeFailed, closeStarted } from "./outcome";
import { type AttemptRow, refused } from "./refusals";
import { liveStartMs } from "./timeouts";
import { writeAheadStart } from "./write-ahead";

export interface StartInput {
  taskId: string;
  body: StartDeployBody;
  actor: LedgerActor & { id: string };
  client: ClientInfo;
  idempotencyKey: string | null;
  /** The app's protection, as the route wrapper read it (null: not protected). */
  protection: ProtectedApp | null;
  /** The caller may deploy inside a freeze window (administrators). */
  mayOverrideFreeze: boolean;
  /** Executing this approval request (POST /api/requests/{id}/execute); absent for a plain start. */
  approvalId?: string | null;
}

export type StartOutcome = { kind: "started"; result: StartResult } | { kind: "replay"; status: number; body: unknown };

/** One start as the checks see it. `keyClaimed` is set by the idempotency step (a later refusal releases the key). */
export interface StartRun {
  deps: DeployDeps;
  input: StartInput;
  attempt: AttemptRow & { task_id: string };
  keyClaimed: boolean;
  /** Set by the approval step once this start holds the approval (`executing`). */
  approvalClaimed: boolean;
}

/** A check passes (undefined), answers in its place (a replay), or refuses (throws an ApiError). */
export interface StartCheck {
  name: string;
  run(s: StartRun): Promise<StartOutcome | undefined>;
}

/** Only the lock's owner passes (an expired lock is no lock). */
const deployLock: StartCheck = {
  name: "deploy lock",
  async run({ deps, input }) {
    const lock = await ledgerStep(() => currentLock(deps.db, input.taskId, nowOf(deps), input.actor.id));
    if (lock && !lock.mine) throw lockedError(lock);
    return undefined;
  },
};

/**
 * Windows in force refuse the start (a rollback passes those that allow rollbacks). An administrator's
 * `override_freeze` (the body schema requires its reason) passes them, and every row of the start names them.
 */
const freezeWindows: StartCheck = {
  name: "freeze windows",
  async run({ deps, input, attempt }) {
    const freeze = await ledgerStep(() => freezeOfTask(deps.db, input.taskId, nowOf(deps), input.mayOverrideFreeze));
    const refusing = refusingWindows(freeze, Boolean(input.body.record_id));
    if (refusing.length === 0) return undefined;
    if (!input.body.override_freeze) throw frozenError(refusing, input.mayOverrideFreeze);
    if (!input.mayOverrideFreeze) {
      throw new ApiError("forbidden", "Only an administrator may deploy inside a freeze window.", undefined, { reason: "freeze_override_forbidden" });
    }
    attempt.override_window = JSON.stringify(overrideOf(refusing));
    return undefined;
  },
};

/**
 * A plain start of an app that needs an approval is refused (428). Executing an approval passes when the request is
 * approved and unexpired, the start is exactly what was approved (same fingerprint; otherwise 409 with the rows
 * that differ), and this start wins the claim approved → executing (the others racing for it: 409).
 */
const approval: StartCheck = {
  name: "approval",
  async run(s) {
    const { deps, input, attempt } = s;
    const id = input.approvalId;
    if (!id) {
      if (await ledgerStep(() => requiresApproval(deps.db, input.taskId))) throw approvalRequiredError(attempt.app_name ?? null);
      return undefined;
    }
    const now = nowOf(deps);
    const row = await ledgerStep(() => findRequest(deps.db, id));
    if (!row || row.task_id !== input.taskId) throw requestNotFound(id);
    const state = stateOf(row, now);
    if (state !== "approved") throw notExecutableError(state);
    const sent = canonicalRequest(input.body, deps.secret);
    if (requestFingerprint(input.taskId, sent, deps.secret) !== row.fingerprint) throw mismatchError(requestDifferences(bodyOf(row), sent));
    if (!(await ledgerStep(() => claimApproval(deps.db, id, now)))) {
      const after = await findRequest(deps.db, id);
      const lost: ApprovalState = after ? stateOf(after, now) : "executed";
      throw notExecutableError(lost === "approved" ? "executing" : lost);
    }
    s.approvalClaimed = true;
    return undefined;
  },
};

const protectedConfirmation: StartCheck = {
  name: "protected-app confirmation",
  async run({ input }) {
    const prot = input.protection;
    if (!prot || (input.body.confirm_name?.trim() === prot.appName && input.body.reason)) return undefined;
    throw new ApiError(
      "protected_confirmation_required",
      `${prot.appName} is protected: send its name exactly in confirm_name and a reason for this ${input.body.record_id ? "rollback" : "deployment"}.`,
    );
  },
};

const inFlightHold: StartCheck = {
  name: "in-flight hold",
  async run({ deps, input, attempt }) {
    await checkInFlightHold(deps, { taskId: input.taskId, appName: attempt.app_name ?? null, idempotencyKey: input.idempotencyKey });
    return undefined;
  },
};

const idempotency: StartCheck = {
  name: "idempotency",
  async run(s) {
    const { deps, input } = s;
    const key = input.idempotencyKey;
    if (!key) return undefined;
    const hash = requestHash({ taskId: input.taskId, userId: input.actor.id, body: input.body }, deps.secret);
    const claim = await ledgerStep(() =>
      claimKey(deps.db, { key, hash, userId: input.actor.id, taskId: input.taskId }, { waitMs: liveStartMs(deps.timeoutMs), now: deps.now, sleep: deps.sleep }),
    );
    if (claim.kind === "replay") return { kind: "replay", status: claim.status, body: claim.body };
    s.keyClaimed = true;
    return undefined;
  },
};

/** The checks before the write-ahead row, in order. */
export const START_CHECKS: readonly StartCheck[] = [deployLock, freezeWindows, approval, protectedConfirmation, inFlightHold, idempotency];

export async function startDeployment(deps: DeployDeps, input: StartInput, checks: readonly StartCheck[] = START_CHECKS): Promise<StartOutcome> {
  const app = await ledgerStep(() => appOfTask(deps.db, input.taskId, input.protection));
  const s: StartRun = { deps, input, attempt: attemptOf(deps, input, app), keyClaimed: false, approvalClaimed: false };
  const approvalId = input.approvalId ?? null;

  let requestedId: string;
  try {
    for (const check of checks) {
      const answer = await check.run(s);
      if (answer) return answer;
    }
    requestedId = await writeAheadStart(deps, s.attempt);
  } catch (err) {
    if (s.keyClaimed && input.idempotencyKey) await releaseKey(deps.db, input.idempotencyKey).catch(() => undefined);
    if (s.approvalClaimed && approvalId) await releaseApproval(deps.db, approvalId).catch(() => undefined);
    throw await refused(deps, s.attempt, toApiError(err));
  }

  let result: StartResult;
  try {
    result = await deps.upstream.startTask({ taskId: input.taskId, body: input.body });
  } catch (err) {
    const answer = await closeFailed(deps, { attempt: s.attempt, requestedId }, err);
    // The cloud definitely did not start it: the approval may be executed again. In doubt, it stays used.
    if (s.approvalClaimed && approvalId && answer.code !== "upstream_in_doubt") await releaseApproval(deps.db, approvalId).catch(() => undefined);
    throw answer;
  }
  await closeStarted(deps, { attempt: s.attempt, requestedId }, result);
  if (s.approvalClaimed && approvalId) {
    await markExecuted(deps.db, approvalId, result.id).catch((err: unknown) =>
      log.error("approval: executed request not marked", { approvalId, recordId: result.id, detail: String(err) }),
    );
  }
  await afterStart(deps, input, result);
  return { kind: "started", result };
}

function attemptOf(deps: DeployDeps, input: StartInput, app: { appId: string | null; appName: string | null }): StartRun["attempt"] {
  return {
    action: input.body.record_id ? "rollback" : "start",
    actor: input.actor,
    client: input.client,
    app_id: app.appId,
    app_name: app.appName,
    task_id: input.taskId,
    target_record_id: input.body.record_id ?? null,
    params: ledgerParams(input.body.params, deps.secret),
    reason: input.body.reason ?? null,
    idempotency_key: input.idempotencyKey,
    approval_id: input.approvalId ?? null,
  };
}

/** "My last run" (non-secret values only) and the log line; neither may fail a started deployment. */
async function afterStart(deps: DeployDeps, input: StartInput, result: StartResult): Promise<void> {
  await rememberMyRun(deps.db, { userId: input.actor.id, taskId: input.taskId, params: input.body.params, recordId: result.id }).catch((err: unknown) =>
    log.warn("my last run not remembered", { taskId: input.taskId, detail: String(err) }),
  );
  // Parameter values are not logged: encrypt values are secrets (the ledger keeps keyed fingerprints of them).
  log.info("deployment started", {
    requestId: input.client.requestId,
    user: input.actor.email,
    taskId: input.taskId,
    recordId: result.id,
    rollbackOf: input.body.record_id ?? null,
    protected: input.protection ? true : undefined,
    reason: input.body.reason ?? null,
    paramKeys: input.body.params.map((p) => p.key),
  });
}
