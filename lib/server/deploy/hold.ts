import "server-only";
/**
 * The in-flight hold: a task whose deployment (started through the console) may still be running refuses another
 * start with 409 deploy_in_progress. The same request sent again — its Idempotency-Key is the holding start's —
 * passes, so the idempotency step can answer it with the first request's answer. A start left unanswered by a
 * process that died is settled from the task's history first, once its longest live time is over.
 */
import { ledgerStep } from "./fail-closed";
import { type DeployDeps, nowOf } from "./deploy-deps";
import { currentMarker, inProgressError } from "./in-flight";
import { reconcileTask } from "./reconcile";
import { liveStartMs } from "./timeouts";

export interface HoldInput {
  taskId: string;
  appName: string | null;
  /** The request's Idempotency-Key; null when it has none (or it must not count, as after claiming it). */
  idempotencyKey: string | null;
}

export async function checkInFlightHold(deps: DeployDeps, h: HoldInput): Promise<void> {
  for (let round = 0; round < 2; round++) {
    const marker = await ledgerStep(() => currentMarker(deps.db, deps.upstream, h.taskId, nowOf(deps)));
    if (!marker) return;
    if (h.idempotencyKey && (await ledgerStep(() => keyOfRow(deps, marker.ledger_id))) === h.idempotencyKey) return;
    const stale = marker.state !== "running" && nowOf(deps) - Date.parse(marker.started_at) > liveStartMs(deps.timeoutMs);
    if (round === 0 && stale && (await reconcileTask(deps, h.taskId).catch(() => false))) continue;
    throw inProgressError(marker, h.appName, nowOf(deps), deps.timeoutMs);
  }
}

async function keyOfRow(deps: DeployDeps, ledgerId: string): Promise<string | null> {
  const row = await deps.db.selectFrom("ledger").select("idempotency_key").where("id", "=", ledgerId).executeTakeFirst();
  return row?.idempotency_key ?? null;
}
