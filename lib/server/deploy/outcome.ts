import "server-only";
/**
 * The outcome of a start's one upstream call, written after it in one transaction — the start's second and last
 * commit: `started` (marker running, key answered, approval executed, the user's "my last run"), `refused`/`failed`
 * (marker released, approval given back), or `in_doubt` (row left open, marker and approval kept for the
 * reconciler). The error is converted to the console's once, here; the answer stored for the key is that error's.
 */
import { upstreamKind } from "../../codearts/error-codes";
import { CodeArtsError } from "../../codearts/errors";
import type { ParamRow, StartResult } from "../../schemas/deploy";
import { rememberMyRun } from "../db/my-last-run";
import { ApiError, errorBody, toApiError } from "../errors";
import { appendOutcome, appendRow } from "../ledger/store";
import { log } from "../log";
import { markExecuted, releaseApproval } from "./approval-store";
import { type DeployDeps, nowOf } from "./deploy-deps";
import { storeAnswer } from "./idempotency";
import { markInDoubt, markRunning, releaseMarker, upstreamConflictError } from "./in-flight";
import { type AttemptRow, outcomeFields } from "./refusals";

export interface OutcomeOf {
  attempt: AttemptRow & { task_id: string };
  requestedId: string;
}

/** What "my last run" keeps of a started deployment: whose it is and the parameters sent (secrets are dropped). */
export interface MyRun {
  userId: string;
  params: readonly ParamRow[];
}

export async function closeStarted(deps: DeployDeps, o: OutcomeOf & { myRun: MyRun }, result: StartResult): Promise<void> {
  const { attempt, requestedId } = o;
  const at = new Date(nowOf(deps));
  try {
    await deps.db.transaction().execute(async (tx) => {
      await appendOutcome(
        tx,
        { ...attempt, attempted: null, phase: "started", correlation: requestedId, record_id: result.id, http_status: 200, job_name: result.job_name },
        at,
      );
      await markRunning(tx, attempt.task_id, requestedId, result.id, at);
      if (attempt.idempotency_key) await storeAnswer(tx, attempt.idempotency_key, { state: "done", status: 200, body: result });
      if (attempt.approval_id) await markExecuted(tx, attempt.approval_id, result.id);
      await rememberMyRun(tx, { userId: o.myRun.userId, taskId: attempt.task_id, params: o.myRun.params, recordId: result.id });
    });
  } catch (err) {
    // The deployment runs; the reconciler will append the outcome (and mark the approval) from the task's history.
    log.error("deploy ledger: outcome of a started deployment not written", { taskId: attempt.task_id, recordId: result.id, detail: String(err) });
  }
}

/** Which outcome a failed call has: the cloud's own refusals (4xx) are `refused`, the rest `failed` or in doubt. */
function phaseOf(err: unknown): "in_doubt" | "refused" | "failed" {
  if (!(err instanceof CodeArtsError)) return "failed";
  if (err.inDoubt) return "in_doubt";
  return (err.failure === "http" || err.failure === "error_in_body") && err.status < 500 ? "refused" : "failed";
}

/** The call failed: the outcome row, then the console error to answer with. */
export async function closeFailed(deps: DeployDeps, o: OutcomeOf, err: unknown): Promise<ApiError> {
  const { attempt, requestedId } = o;
  const phase = phaseOf(err);
  const busy = phase !== "in_doubt" && err instanceof CodeArtsError && upstreamKind(err.errorCode) === "busy";
  const answer = busy ? await upstreamConflictError(deps, attempt.task_id, attempt.app_name ?? null, err) : toApiError(err);
  const at = new Date(nowOf(deps));
  try {
    await deps.db.transaction().execute(async (tx) => {
      const row = { ...attempt, attempted: null, phase, correlation: requestedId, ...outcomeFields(answer) } as const;
      if (phase === "in_doubt") {
        await appendRow(tx, row, at);
        await markInDoubt(tx, attempt.task_id, requestedId);
      } else {
        await appendOutcome(tx, row, at);
        await releaseMarker(tx, attempt.task_id, requestedId);
        // The cloud definitely did not start it: the approval may be executed again. In doubt, it stays used.
        if (attempt.approval_id) await releaseApproval(tx, attempt.approval_id);
      }
      if (attempt.idempotency_key) {
        await storeAnswer(tx, attempt.idempotency_key, { state: phase === "in_doubt" ? "in_doubt" : "done", status: answer.status, body: errorBody(answer) });
      }
    });
  } catch (e) {
    log.error("deploy ledger: outcome of a failed start not written", { taskId: attempt.task_id, detail: String(e) });
  }
  return answer;
}
