import "server-only";
/**
 * Stopping a record — the one entry point of POST /api/tasks/{taskId}/records/{recordId}/stop once the route
 * wrapper has checked the session and the right to deploy: write-ahead `requested` row (fail closed), one
 * StopDeployTask, then `stopped` (releasing the task's marker when it was this record's), `failed`, or `in_doubt`
 * (the reconciler reads the record's state later).
 */
import { CodeArtsError } from "../../codearts/errors";
import type { LedgerActor } from "../../schemas/ledger";
import type { StopResult } from "../../schemas/records";
import { appOfTask } from "../db/task-names";
import { type ApiError, toApiError } from "../errors";
import { type ClientInfo, appendOutcome, appendRow } from "../ledger/store";
import { log } from "../log";
import { type DeployDeps, nowOf } from "./deploy-deps";
import { ledgerStep } from "./fail-closed";
import { releaseMarkerOfRecord } from "./in-flight";
import { type AttemptRow, outcomeFields } from "./refusals";
import { writeAheadStop } from "./write-ahead";

export interface StopInput {
  taskId: string;
  recordId: string;
  actor: LedgerActor;
  client: ClientInfo;
}

export async function stopDeployment(deps: DeployDeps, input: StopInput): Promise<StopResult> {
  const app = await ledgerStep(() => appOfTask(deps.db, input.taskId));
  const attempt: AttemptRow = {
    action: "stop",
    actor: input.actor,
    client: input.client,
    app_id: app.appId,
    app_name: app.appName,
    task_id: input.taskId,
    record_id: input.recordId,
  };
  const requestedId = await writeAheadStop(deps, attempt);
  const outcome = { ...attempt, attempted: null, correlation: requestedId };
  const at = () => new Date(nowOf(deps));

  let result: StopResult;
  try {
    result = await deps.upstream.stopRecord({ taskId: input.taskId, recordId: input.recordId });
  } catch (err) {
    const answer: ApiError = toApiError(err);
    const row = { ...outcome, ...outcomeFields(answer) };
    const inDoubt = err instanceof CodeArtsError && err.inDoubt;
    await (inDoubt ? appendRow(deps.db, { ...row, phase: "in_doubt" }, at()) : appendOutcome(deps.db, { ...row, phase: "failed" }, at())).catch((e: unknown) =>
      log.error("deploy ledger: outcome of a stop not written", { taskId: input.taskId, detail: String(e) }),
    );
    throw answer;
  }
  try {
    await deps.db.transaction().execute(async (tx) => {
      await appendOutcome(tx, { ...outcome, phase: "stopped", http_status: 200 }, at());
      await releaseMarkerOfRecord(tx, input.taskId, input.recordId);
    });
  } catch (e) {
    log.error("deploy ledger: outcome of a stop not written", { taskId: input.taskId, detail: String(e) });
  }
  log.info("deployment stop requested", { requestId: input.client.requestId, user: input.actor.email, taskId: input.taskId, recordId: input.recordId });
  return result;
}
