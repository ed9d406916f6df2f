import "server-only";
/**
 * POST /api/tasks/{taskId}/records/{recordId}/stop behind the ledger: write-ahead `requested` row (fail closed),
 * one StopDeployTask, then `stopped` (releasing the task's marker when it was this record's), `failed`, or
 * `in_doubt` (the reconciler reads the record's state later).
 */
import { CodeArtsError } from "../../codearts/errors";
import { toErrorResponse } from "../errors";
import { log } from "../log";
import { ledgerStep, markLedgered } from "./requester";
import { type LedgerDeps, nowOf } from "./timeouts";
import { releaseMarkerOfRecord } from "./in-flight";
import { outcomeFields } from "./refusals";
import type { LedgerActor as Actor } from "../../schemas/ledger";
import { appOfTask } from "../db/task-names";
import { type ClientInfo, type RowInput, appendOutcome, appendRow } from "../ledger/store";

export interface StopInput {
  taskId: string;
  recordId: string;
  actor: Actor;
  client: ClientInfo;
}

export async function guardedStop(deps: LedgerDeps, input: StopInput): Promise<{ id: string; task_id: string }> {
  const { db } = deps;
  const base: Omit<RowInput, "phase"> = await ledgerStep(async () => {
    const app = await appOfTask(db, input.taskId);
    return {
      action: "stop",
      attempted: null,
      actor: input.actor,
      client: input.client,
      app_id: app.appId,
      app_name: app.appName,
      task_id: input.taskId,
      record_id: input.recordId,
    };
  });
  const at = () => new Date(nowOf(deps));
  const requestedId = await ledgerStep(() => appendRow(db, { ...base, phase: "requested" }, at()));
  const outcome = { ...base, correlation: requestedId };

  let result: { id: string; task_id: string };
  try {
    result = await deps.upstream.stop({ taskId: input.taskId, recordId: input.recordId });
  } catch (err) {
    const inDoubt = err instanceof CodeArtsError && err.inDoubt;
    const fields = outcomeFields(toErrorResponse(err));
    await (
      inDoubt ? appendRow(db, { ...outcome, phase: "in_doubt", ...fields }, at()) : appendOutcome(db, { ...outcome, phase: "failed", ...fields }, at())
    ).catch((e: unknown) => log.error("deploy ledger: outcome of a stop not written", { taskId: input.taskId, detail: String(e) }));
    throw markLedgered(err);
  }
  try {
    await db.transaction().execute(async (tx) => {
      await appendOutcome(tx, { ...outcome, phase: "stopped", http_status: 200 }, at());
      await releaseMarkerOfRecord(tx, input.taskId, input.recordId);
    });
  } catch (e) {
    log.error("deploy ledger: outcome of a stop not written", { taskId: input.taskId, detail: String(e) });
  }
  return result;
}
