import "server-only";
/**
 * Starting a deployment (or a rollback: a body with record_id) — the one entry point of POST
 * /api/tasks/{taskId}/start once the route wrapper has checked the session and the right to deploy.
 *
 * The pipeline, in order:
 *   1. deploy lock                 (423: someone else holds the task; locks.ts)
 *   2. freeze windows              (423: a window is in force; an admin's override with a reason passes; freeze.ts)
 *   3. approval                    (428: the app needs an approved request; executing one: 409 when it is not
 *                                   approved any more or the start differs from it)
 *   4. protected-app confirmation  (422: the typed app name and a reason)
 *   5. in-flight hold              (409: the task is being deployed through the console)
 *   6. write-ahead transaction     (commit 1: the Idempotency-Key — a request sent again gets its first answer,
 *                                   409/422 on a busy or reused key —, the approval approved → executing — one
 *                                   winner —, the task's marker and the `requested` row; 503 when it cannot be
 *                                   written: fail closed; write-ahead.ts)
 *   7. one StartDeployTask         (never retried)
 *   8. outcome transaction         (commit 2: started, refused, failed or in doubt; outcome.ts)
 * The checks only read: a check that refuses throws an ApiError, and the pipeline writes its `denied` row
 * (refusals.ts) — once, here — with nothing claimed to give back. A new check is one more entry of START_CHECKS.
 * Everything that must hold across console processes holds through database constraints.
 */
import type { ProtectedApp } from "../../schemas/admin";
import type { StartDeployBody, StartResult } from "../../schemas/deploy";
import type { LedgerActor } from "../../schemas/ledger";
import { requiresApproval } from "../db/approval-apps";
import { appOfTask } from "../db/task-names";
import { ApiError, toApiError } from "../errors";
import { ledgerParams, requestHash } from "../ledger/fingerprint";
import type { ClientInfo } from "../ledger/store";
import { log } from "../log";
import { canonicalRequest, requestDifferences, requestFingerprint } from "./approval-fingerprint";
import { type RequestRow, approvalRequiredError, bodyOf, mismatchError, notExecutableError, requestNotFound, stateOf } from "./approval-store";
import { type DeployDeps, nowOf } from "./deploy-deps";
import { ledgerStep } from "./fail-closed";
import { checkInFlightHold } from "./hold";
import type { ClaimInput } from "./idempotency";
import { refusingWindows } from "../../deploy/start-block";
import { freezeOfTask, frozenError, overrideOf } from "./freeze";
import { currentLock, lockedError } from "./locks";
import { closeFailed, closeStarted } from "./outcome";
import { refused } from "./refusals";
import { type StartAttempt, writeAheadStart } from "./write-ahead";

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
  /** Executing this approval request, as its caller read it (POST /api/requests/{id}/execute); absent for a plain start. */
  approval?: RequestRow | null;
}

export type StartOutcome = { kind: "started"; result: StartResult } | { kind: "replay"; status: number; body: unknown };

/** One start as the checks see it (a check may add to the attempt's rows, as the freeze override does). */
export interface StartRun {
  deps: DeployDeps;
  input: StartInput;
  attempt: StartAttempt;
}

/** A check reads and passes, or refuses (throws an ApiError). What a start claims, it claims in the write-ahead. */
export interface StartCheck {
  name: string;
  run(s: StartRun): Promise<void>;
}

/** Only the lock's owner passes (an expired lock is no lock). */
const deployLock: StartCheck = {
  name: "deploy lock",
  async run({ deps, input }) {
    const lock = await ledgerStep(() => currentLock(deps.db, input.taskId, nowOf(deps), input.actor.id));
    if (lock && !lock.mine) throw lockedError(lock);
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
    if (refusing.length === 0) return;
    if (!input.body.override_freeze) throw frozenError(refusing, input.mayOverrideFreeze);
    if (!input.mayOverrideFreeze) {
      throw new ApiError("forbidden", "Only an administrator may deploy inside a freeze window.", undefined, { reason: "freeze_override_forbidden" });
    }
    attempt.override_window = JSON.stringify(overrideOf(refusing));
  },
};

/**
 * A plain start of an app that needs an approval is refused (428). Executing an approval passes when the request is
 * approved and unexpired and the start is exactly what was approved (same fingerprint; otherwise 409 with the rows
 * that differ). The write-ahead claims it (approved → executing); the others racing for it get 409 there.
 */
const approval: StartCheck = {
  name: "approval",
  async run({ deps, input, attempt }) {
    const row = input.approval;
    if (!row) {
      if (await ledgerStep(() => requiresApproval(deps.db, input.taskId))) throw approvalRequiredError(attempt.app_name ?? null);
      return;
    }
    // Read once, by the caller: the write-ahead's claim (approved → executing) is what settles a race for it.
    if (row.task_id !== input.taskId) throw requestNotFound(row.id);
    const state = stateOf(row, nowOf(deps));
    if (state !== "approved") throw notExecutableError(state);
    const sent = canonicalRequest(input.body, deps.secret);
    if (requestFingerprint(input.taskId, sent, deps.secret) !== row.fingerprint) throw mismatchError(requestDifferences(bodyOf(row), sent));
  },
};

const protectedConfirmation: StartCheck = {
  name: "protected-app confirmation",
  async run({ input }) {
    const prot = input.protection;
    if (!prot || (input.body.confirm_name?.trim() === prot.appName && input.body.reason)) return;
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
  },
};

/** The checks before the write-ahead transaction, in order. */
export const START_CHECKS: readonly StartCheck[] = [deployLock, freezeWindows, approval, protectedConfirmation, inFlightHold];

/** The request's Idempotency-Key with its hash (the same request sent again has the same), when it has one. */
function keyOf(deps: DeployDeps, input: StartInput): ClaimInput | null {
  const key = input.idempotencyKey;
  if (!key) return null;
  const hash = requestHash({ taskId: input.taskId, userId: input.actor.id, body: input.body }, deps.secret);
  return { key, hash, userId: input.actor.id, taskId: input.taskId };
}

export async function startDeployment(deps: DeployDeps, input: StartInput, checks: readonly StartCheck[] = START_CHECKS): Promise<StartOutcome> {
  const app = await ledgerStep(() => appOfTask(deps.db, input.taskId, input.protection));
  const s: StartRun = { deps, input, attempt: attemptOf(deps, input, app) };

  let requestedId: string;
  try {
    for (const check of checks) await check.run(s);
    const written = await writeAheadStart(deps, s.attempt, keyOf(deps, input));
    if (written.kind === "replay") return written;
    requestedId = written.id;
  } catch (err) {
    throw await refused(deps, s.attempt, toApiError(err));
  }

  let result: StartResult;
  try {
    result = await deps.upstream.startTask({ taskId: input.taskId, body: input.body });
  } catch (err) {
    throw await closeFailed(deps, { attempt: s.attempt, requestedId }, err);
  }
  await closeStarted(deps, { attempt: s.attempt, requestedId, myRun: { userId: input.actor.id, params: input.body.params } }, result);
  logStarted(input, result);
  return { kind: "started", result };
}

function attemptOf(deps: DeployDeps, input: StartInput, app: { appId: string | null; appName: string | null }): StartAttempt {
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
    approval_id: input.approval?.id ?? null,
  };
}

/** The log line of a started deployment. */
function logStarted(input: StartInput, result: StartResult): void {
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
