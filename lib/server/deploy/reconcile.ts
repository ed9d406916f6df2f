import "server-only";
/**
 * The reconciler: closes `requested` rows that have no outcome — starts whose answer was lost (in doubt) or whose
 * process died — by looking at the task's upstream history, never by starting again. Safe with several console
 * processes: each open row's marker is leased with UPDATE … WHERE, and the ledger's unique outcome index lets
 * exactly one final outcome per requested row in whatever order processes arrive. An approval the start was
 * executing (the requested row's `approval_id`) is settled with its outcome, in its transaction: executed with the
 * record found, or approved again when the start never happened.
 */
import { randomUUID } from "node:crypto";
import type { StartResult } from "../../schemas/deploy";
import type { LedgerParam } from "../../schemas/ledger";
import type { LedgerRow } from "../db/schema-ledger";
import { inBatches } from "../batches";
import { log } from "../log";
import { markExecuted, releaseApproval } from "./approval-store";
import { type DeployDeps, nowOf } from "./deploy-deps";
import { liveStartMs, notStartedGraceMs } from "./timeouts";
import { purgeExpiredKeys, releaseKeyOfLedger, storeAnswerOfLedger } from "./idempotency";
import {
  MARKER_FRESH_MS,
  currentMarker,
  leaseMarker,
  markRunning,
  readMarker,
  releaseLease,
  releaseLeasesOf,
  releaseMarker,
  releaseMarkerOfRecord,
} from "./in-flight";
import { DEFAULT_TOLERANCE_MS, type MatchWindow, type PendingStart, candidates, decide, needsParamCheck, paramsMatch } from "./match";
import type { Db } from "../db/schema";
import { type RowInput, appendOutcome, parseJson } from "../ledger/store";

/** This process, as a lease holder. */
const OWNER = randomUUID();

/** The marker leases of this process's reconciler, given up at shutdown. */
export const releaseReconcilerLeases = (db: Db) => releaseLeasesOf(db, OWNER);
/** Records whose parameters are compared, at most, per open row. */
const MAX_PARAM_CHECKS = 5;

export interface ReconcileSummary {
  started: number;
  notStarted: number;
  waiting: number;
  stops: number;
  released: number;
}

/** Requested rows with no final outcome (an `in_doubt` row is not final), oldest first: read from `ledger_open`. */
export function openRequests(db: Db, opts: { taskId?: string; limit: number }): Promise<LedgerRow[]> {
  let q = db
    .selectFrom("ledger_open as k")
    .innerJoin("ledger as r", "r.id", "k.ledger_id")
    .selectAll("r")
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom("ledger as o").select("o.id").whereRef("o.correlation", "=", "k.ledger_id").where("o.phase", "<>", "in_doubt"))),
    );
  if (opts.taskId) q = q.where("r.task_id", "=", opts.taskId);
  return q.orderBy("k.at").limit(opts.limit).execute();
}

/** Drops the rows whose outcome has been written since (by their handler or a reconciler) from `ledger_open`. */
async function pruneSettled(db: Db): Promise<void> {
  await db
    .deleteFrom("ledger_open")
    .where((eb) =>
      eb.exists(eb.selectFrom("ledger as o").select("o.id").whereRef("o.correlation", "=", "ledger_open.ledger_id").where("o.phase", "<>", "in_doubt")),
    )
    .execute();
}

/** The requested row's own columns, carried onto the outcome the reconciler writes. */
function outcomeOf(row: LedgerRow): Omit<RowInput, "phase"> & { correlation: string } {
  return {
    action: row.action,
    attempted: row.attempted,
    actor: { id: row.actor_id, name: row.actor_name, email: row.actor_email, teams: parseJson<string[]>(row.actor_teams, []) },
    client: { address: row.client_address, userAgent: row.user_agent, requestId: null },
    app_id: row.app_id,
    app_name: row.app_name,
    task_id: row.task_id,
    target_record_id: row.target_record_id,
    params: parseJson<LedgerParam[] | null>(row.params, null),
    reason: row.reason,
    idempotency_key: row.idempotency_key,
    approval_id: row.approval_id,
    correlation: row.id,
  };
}

const windowOf = (deps: DeployDeps): MatchWindow => ({ toleranceMs: DEFAULT_TOLERANCE_MS, graceMs: notStartedGraceMs(deps.timeoutMs) });

async function reconcileStart(deps: DeployDeps, row: LedgerRow, s: ReconcileSummary): Promise<boolean> {
  const taskId = row.task_id as string;
  const { db } = deps;
  const marker = await readMarker(db, taskId);
  const ours = marker?.ledger_id === row.id;
  // The lease covers one pass over this row (its upstream reads are bounded by the timeout) and is given back
  // after it, so a process that dies while holding it delays the others by one pass at most.
  const leaseMs = liveStartMs(deps.timeoutMs);
  if (ours && !(await leaseMarker(db, { taskId, ledgerId: row.id, owner: OWNER, now: new Date(nowOf(deps)), forMs: leaseMs }))) return false;
  try {
    return await settleStart(deps, row, s);
  } finally {
    if (ours) await releaseLease(db, taskId, row.id, OWNER).catch(() => undefined);
  }
}

async function settleStart(deps: DeployDeps, row: LedgerRow, s: ReconcileSummary): Promise<boolean> {
  const taskId = row.task_id as string;
  const { db, upstream } = deps;
  const w = windowOf(deps);
  const req: PendingStart = { at: row.at, action: row.action === "rollback" ? "rollback" : "start", params: parseJson<LedgerParam[]>(row.params, []) };
  const records = await upstream.recordsSince({ taskId, sinceMs: Date.parse(row.at) - w.toleranceMs - 86_400_000 });
  const ids = records.map((r) => r.recordId);
  const claimed = new Set(
    ids.length === 0
      ? []
      : (
          await db.selectFrom("ledger").select("record_id").where("task_id", "=", taskId).where("phase", "=", "started").where("record_id", "in", ids).execute()
        ).map((r) => r.record_id as string),
  );
  let matched: string | null = null;
  for (const c of candidates(req, records, claimed, w).slice(0, MAX_PARAM_CHECKS)) {
    if (!needsParamCheck(req) || paramsMatch(req.params, await upstream.getRecordParams({ taskId, recordId: c.recordId }))) {
      matched = c.recordId;
      break;
    }
  }
  const decision = decide(req, matched, nowOf(deps), w);
  if (decision.kind === "wait") {
    s.waiting++;
    return false;
  }
  const base = outcomeOf(row);
  await db.transaction().execute(async (tx) => {
    if (decision.kind === "started") {
      const won = await appendOutcome(
        tx,
        {
          ...base,
          phase: "started",
          record_id: decision.recordId,
          http_status: 200,
          message: "Reconciled: the deployment was found in the task's CodeArts history.",
        },
        new Date(nowOf(deps)),
      );
      if (!won) return;
      s.started++;
      await markRunning(tx, taskId, row.id, decision.recordId, new Date(nowOf(deps)));
      const answer: StartResult = { id: decision.recordId, task_id: taskId, job_name: null, app_component_list: [] };
      await storeAnswerOfLedger(tx, row.id, { status: 200, body: answer });
      if (row.approval_id) await markExecuted(tx, row.approval_id, decision.recordId);
    } else {
      const won = await appendOutcome(
        tx,
        {
          ...base,
          phase: "not_started",
          message: `Reconciled: no matching deployment in the task's CodeArts history ${Math.round(w.graceMs / 1000)} s after the request.`,
        },
        new Date(nowOf(deps)),
      );
      if (!won) return;
      s.notStarted++;
      await releaseMarker(tx, taskId, row.id);
      // Nothing was deployed: the key is free again, so the same submission may be retried; the approval too.
      await releaseKeyOfLedger(tx, row.id);
      if (row.approval_id) await releaseApproval(tx, row.approval_id);
    }
  });
  return true;
}

/** A stop whose answer never arrived: the record's state says whether it took effect. */
async function reconcileStop(deps: DeployDeps, row: LedgerRow, s: ReconcileSummary): Promise<boolean> {
  if (nowOf(deps) - Date.parse(row.at) < liveStartMs(deps.timeoutMs) || !row.task_id || !row.record_id) return false;
  const state = await deps.upstream.recordState({ taskId: row.task_id, recordId: row.record_id });
  const stopped = state?.finished === true && state.state === "abort";
  const message = stopped
    ? "Reconciled: the record ended aborted."
    : state
      ? `Reconciled: the record is ${state.state}; the stop did not take effect.`
      : "Reconciled: the record no longer exists upstream.";
  const won = await appendOutcome(
    deps.db,
    { ...outcomeOf(row), phase: stopped ? "stopped" : "failed", record_id: row.record_id, message },
    new Date(nowOf(deps)),
  );
  if (won && stopped) await releaseMarkerOfRecord(deps.db, row.task_id, row.record_id);
  if (won) s.stops++;
  return won;
}

/** Markers checked upstream side by side in a sweep (the gateway throttles per API). */
const MARKER_CHECKS_AT_ONCE = 4;

/** One pass over open rows (bounded), every stale marker and expired keys. */
export async function reconcileOnce(deps: DeployDeps, opts: { taskId?: string; limit?: number } = {}): Promise<ReconcileSummary> {
  const s: ReconcileSummary = { started: 0, notStarted: 0, waiting: 0, stops: 0, released: 0 };
  for (const row of await openRequests(deps.db, { taskId: opts.taskId, limit: opts.limit ?? 50 })) {
    if (!row.task_id) continue;
    try {
      if (row.action === "stop") await reconcileStop(deps, row, s);
      else await reconcileStart(deps, row, s);
    } catch (err) {
      // Upstream unreachable, say: the row stays open and the next pass tries again.
      log.warn("deploy ledger: reconciliation postponed", { ledgerId: row.id, taskId: row.task_id, detail: String(err) });
    }
  }
  if (opts.taskId) return s;
  await pruneSettled(deps.db);
  const stale = new Date(nowOf(deps) - MARKER_FRESH_MS).toISOString();
  // Every stale running marker (one per task at most), a few at a time: a finished deployment must not hold its
  // task until the next start has to ask the cloud itself.
  const markers = await deps.db
    .selectFrom("deploy_inflight")
    .select("task_id")
    .where("state", "=", "running")
    .where((eb) => eb.or([eb("checked_at", "is", null), eb("checked_at", "<", stale)]))
    .execute();
  const checked = await inBatches(markers, MARKER_CHECKS_AT_ONCE, (m) => currentMarker(deps.db, deps.upstream, m.task_id, nowOf(deps)).catch(() => true));
  s.released += checked.filter((m) => !m).length;
  await purgeExpiredKeys(deps.db, new Date(nowOf(deps)));
  return s;
}

/** Settles the open rows of one task now (a start found the task held by a start left open). True when any closed. */
export async function reconcileTask(deps: DeployDeps, taskId: string): Promise<boolean> {
  const s = await reconcileOnce(deps, { taskId, limit: 5 });
  return s.started + s.notStarted + s.stops > 0;
}
