import "server-only";
/**
 * POST /api/tasks/{taskId}/start behind the ledger: idempotency key, per-task guard, write-ahead `requested`
 * row (fail closed), one StartDeployTask (never retried), outcome row. Everything that must hold across console
 * processes holds through database constraints — the key's primary key, the marker's primary key, the ledger's
 * unique outcome index — not through this process's memory.
 */
import { CodeArtsError } from "../../codearts/errors";
import type { StartDeployBody, StartResult } from "../../schemas/deploy";
import { ApiError, toErrorResponse } from "../errors";
import { isUniqueViolation } from "../db/errors";
import { log } from "../log";
import { ledgerStep, ledgerUnavailable, markLedgered } from "./requester";
import { type LedgerDeps, liveStartMs, nowOf } from "./timeouts";
import { ledgerParams, requestHash } from "../ledger/fingerprint";
import { claimKey, releaseKey, storeAnswer } from "./idempotency";
import { currentMarker, markInDoubt, markRunning, releaseMarker } from "./in-flight";
import { inProgressError, outcomeFields, upstreamConflictError } from "./refusals";
import { reconcileTask } from "./reconcile";
import type { LedgerActor as Actor } from "../../schemas/ledger";
import { type AppRef, appOfTask } from "../db/task-names";
import { type ClientInfo, type RowInput, appendOutcome, appendRow, toRow } from "../ledger/store";

export interface StartInput {
  taskId: string;
  body: StartDeployBody;
  actor: Actor & { id: string };
  client: ClientInfo;
  idempotencyKey: string | null;
}

export type StartOutcome = { kind: "started"; result: StartResult } | { kind: "replay"; status: number; body: unknown };

type Base = Omit<RowInput, "phase">;

export async function guardedStart(deps: LedgerDeps, input: StartInput): Promise<StartOutcome> {
  const { db } = deps;
  const key = input.idempotencyKey;
  if (key) {
    const hash = requestHash({ taskId: input.taskId, userId: input.actor.id, body: input.body }, deps.secret);
    const claim = await ledgerStep(() =>
      claimKey(db, { key, hash, userId: input.actor.id, taskId: input.taskId }, { waitMs: liveStartMs(deps.timeoutMs), now: deps.now, sleep: deps.sleep }),
    );
    if (claim.kind === "replay") return { kind: "replay", status: claim.status, body: claim.body };
  }

  let base: Base;
  let requestedId: string;
  try {
    const app = await ledgerStep(() => appOfTask(db, input.taskId));
    base = baseRow(deps, input, app);
    requestedId = await openRequest(deps, input, base);
  } catch (err) {
    if (key) await releaseKey(db, key).catch(() => undefined);
    throw err;
  }

  let result: StartResult;
  try {
    result = await deps.upstream.start({ taskId: input.taskId, body: input.body });
  } catch (err) {
    throw await closeFailed(deps, input, base, requestedId, err);
  }
  await closeStarted(deps, input, base, requestedId, result);
  return { kind: "started", result };
}

function baseRow(deps: LedgerDeps, input: StartInput, app: AppRef): Base {
  return {
    action: input.body.record_id ? "rollback" : "start",
    attempted: null,
    actor: input.actor,
    client: input.client,
    app_id: app.appId,
    app_name: app.appName,
    task_id: input.taskId,
    target_record_id: input.body.record_id ?? null,
    params: ledgerParams(input.body.params, deps.secret),
    reason: input.body.reason ?? null,
    idempotency_key: input.idempotencyKey,
  };
}

/**
 * Write-ahead: the marker and the `requested` row in one transaction, committed before the cloud is called. The
 * marker's primary key refuses a second start of the task; a marker whose record has finished is released and
 * the insert tried again (bounded).
 */
async function openRequest(deps: LedgerDeps, input: StartInput, base: Base): Promise<string> {
  const { db } = deps;
  for (let round = 0; round < 3; round++) {
    const row = toRow({ ...base, phase: "requested" }, new Date(nowOf(deps)));
    try {
      await db.transaction().execute(async (tx) => {
        // The marker first: on SQLite the write lock is taken by the first statement.
        await tx
          .insertInto("deploy_inflight")
          .values({
            task_id: input.taskId,
            ledger_id: row.id,
            state: "requested",
            record_id: null,
            actor_id: input.actor.id,
            actor_name: input.actor.name,
            actor_email: input.actor.email,
            started_at: row.at,
            checked_at: null,
            lease_until: null,
            lease_owner: null,
          })
          .execute();
        await tx.insertInto("ledger").values(row).execute();
        if (input.idempotencyKey) {
          await tx.updateTable("idempotency_keys").set({ ledger_id: row.id }).where("key", "=", input.idempotencyKey).execute();
        }
      });
      return row.id;
    } catch (err) {
      if (!isUniqueViolation(err)) throw ledgerUnavailable(err);
    }
    const marker = await ledgerStep(() => currentMarker(db, deps.upstream, input.taskId, nowOf(deps)));
    if (!marker) continue;
    // A start left open by a process that died: settle it now if its grace period is over.
    if (marker.state !== "running" && round === 0 && nowOf(deps) - Date.parse(marker.started_at) > liveStartMs(deps.timeoutMs)) {
      const settled = await reconcileTask(deps, input.taskId).catch(() => false);
      if (settled) continue;
    }
    throw await refuse(deps, base, inProgressError(marker, base.app_name ?? null, nowOf(deps), deps.timeoutMs));
  }
  const marker = await ledgerStep(() => currentMarker(db, deps.upstream, input.taskId, nowOf(deps)));
  if (!marker) throw ledgerUnavailable(new Error("the task's in-flight marker kept changing"));
  throw await refuse(deps, base, inProgressError(marker, base.app_name ?? null, nowOf(deps), deps.timeoutMs));
}

/** A refusal before the cloud was called: one `denied` row. */
async function refuse(deps: LedgerDeps, base: Base, err: ApiError): Promise<ApiError> {
  const answer = toErrorResponse(err);
  await appendRow(
    deps.db,
    {
      ...base,
      action: "denied",
      attempted: base.action === "rollback" ? "rollback" : "start",
      phase: "denied",
      ...outcomeFields(answer),
    },
    new Date(nowOf(deps)),
  ).catch((e: unknown) => log.error("deploy ledger: denied row not written", { detail: String(e) }));
  return markLedgered(err);
}

async function closeStarted(deps: LedgerDeps, input: StartInput, base: Base, requestedId: string, result: StartResult): Promise<void> {
  try {
    await deps.db.transaction().execute(async (tx) => {
      await appendOutcome(tx, { ...base, phase: "started", correlation: requestedId, record_id: result.id, http_status: 200 }, new Date(nowOf(deps)));
      await markRunning(tx, input.taskId, requestedId, result.id, new Date(nowOf(deps)));
      if (input.idempotencyKey) await storeAnswer(tx, input.idempotencyKey, { state: "done", status: 200, body: result });
    });
  } catch (err) {
    // The deployment runs; the reconciler will append the outcome from the task's history.
    log.error("deploy ledger: outcome of a started deployment not written", { taskId: input.taskId, recordId: result.id, detail: String(err) });
  }
}

/** The cloud call failed: in doubt (row left open, marker kept) or refused/failed (marker released). */
async function closeFailed(deps: LedgerDeps, input: StartInput, base: Base, requestedId: string, err: unknown): Promise<unknown> {
  const ca = err instanceof CodeArtsError ? err : null;
  const inDoubt = ca?.inDoubt ?? false;
  const final = !inDoubt && ca?.errorCode === "Deploy.00011027" ? await upstreamConflictError(deps, input.taskId, base.app_name ?? null, ca) : err;
  const answer = toErrorResponse(final);
  const phase = inDoubt ? "in_doubt" : ca && (ca.failure === "http" || ca.failure === "error_in_body") && ca.status < 500 ? "refused" : "failed";
  try {
    await deps.db.transaction().execute(async (tx) => {
      const row = { ...base, phase, correlation: requestedId, ...outcomeFields(answer) } as const;
      if (inDoubt) {
        await appendRow(tx, row, new Date(nowOf(deps)));
        await markInDoubt(tx, input.taskId, requestedId);
      } else {
        await appendOutcome(tx, row, new Date(nowOf(deps)));
        await releaseMarker(tx, input.taskId, requestedId);
      }
      if (input.idempotencyKey) {
        await storeAnswer(tx, input.idempotencyKey, { state: inDoubt ? "in_doubt" : "done", status: answer.status, body: answer.body });
      }
    });
  } catch (e) {
    log.error("deploy ledger: outcome of a failed start not written", { taskId: input.taskId, detail: String(e) });
  }
  return markLedgered(final);
}
