import "server-only";
/**
 * The record watcher: follows every record started through the console until it is final, with no browser open.
 * Every process runs it; each due record is asked about by one of them (a lease taken with UPDATE … WHERE, as the
 * reconciler leases its markers), through the same shared ShowDeployStatus read the record page polls, so viewers
 * and the watcher ask the cloud once between them. Long deployments are asked less often, and a throttled answer
 * (429 / APIGW.0308) pushes the next look back. When the record has ended: its `finished` ledger row (one per
 * `started` row: the ledger's unique outcome index), the deploy.* event in the same transaction, and the task's
 * in-flight hold released at once.
 */
import { randomUUID } from "node:crypto";
import { CodeArtsError } from "../../codearts/errors";
import type { UpstreamRecordProgress } from "../../codearts/records";
import type { Finish, LedgerParam } from "../../schemas/ledger";
import type { RecordWatchRow } from "../db/schema-notify";
import { type DeployDeps, nowOf } from "../deploy/deploy-deps";
import { releaseMarkerOfRecord } from "../deploy/in-flight";
import { actorOfRow, appendOutcome, parseJson } from "../ledger/store";
import { inBatches } from "../batches";
import { log } from "../log";

const OWNER = randomUUID();
/** Records asked about per pass (a pass every NOTIFY_INTERVAL_MS). */
const PER_PASS = 20;
/** Side by side (the gateway throttles per API). */
const AT_ONCE = 4;
/** After a throttled or failed look. */
const THROTTLED_MS = 60_000;
const FAILED_MS = 15_000;

/** How long until the next look at a record running for `ageMs`: every 3 s at first, once a minute after an hour. */
export function nextLookMs(ageMs: number): number {
  if (ageMs < 2 * 60_000) return 3_000;
  if (ageMs < 10 * 60_000) return 10_000;
  if (ageMs < 60 * 60_000) return 30_000;
  return 60_000;
}

const FINISH_STATES: Partial<Record<UpstreamRecordProgress["state"], Finish["state"]>> = {
  succeeded: "succeeded",
  failed: "failed",
  abort: "stopped",
  timeout: "timeout",
};

/** How the record ended; null progress = the cloud no longer has it. */
export function finishOf(p: UpstreamRecordProgress | null): Finish {
  if (!p) return { state: "unknown", durationMs: null, failedStep: null, faqUrl: null };
  const start = Date.parse(p.startTime ?? "");
  const end = Date.parse(p.endTime ?? "");
  const failed = p.steps.find((s) => s.state === "failed") ?? null;
  return {
    state: FINISH_STATES[p.state] ?? "unknown",
    durationMs: Number.isFinite(start) && Number.isFinite(end) && end >= start ? end - start : null,
    failedStep: failed?.name ?? null,
    faqUrl: failed?.faqUrl ?? null,
  };
}

const MESSAGES: Record<Finish["state"], string> = {
  succeeded: "The deployment succeeded",
  failed: "The deployment failed",
  stopped: "The deployment was stopped",
  timeout: "The deployment timed out",
  unknown: "The record ended in a state the console does not know, or CodeArts no longer has it",
};

/** The `finished` row's message: "The deployment failed at step Health check after 125 s (FAQ: …)." */
function finishMessage(f: Finish): string {
  const step = f.failedStep ? ` at step ${f.failedStep}` : "";
  const took = f.durationMs !== null ? ` after ${Math.round(f.durationMs / 1000)} s` : "";
  const faq = f.faqUrl ? ` (FAQ: ${f.faqUrl})` : "";
  return `${MESSAGES[f.state]}${step}${took}${faq}.`;
}

export interface WatchSummary {
  checked: number;
  finished: number;
  postponed: number;
}

/** The watch leases of this process, given up at shutdown: another process asks about those records at once. */
export async function releaseWatchLeases(db: DeployDeps["db"]): Promise<void> {
  await db.updateTable("record_watch").set({ lease_until: null, lease_owner: null }).where("lease_owner", "=", OWNER).execute();
}

async function lease(deps: DeployDeps, w: RecordWatchRow, now: number): Promise<boolean> {
  const nowIso = new Date(now).toISOString();
  const r = await deps.db
    .updateTable("record_watch")
    .set({ lease_until: new Date(now + deps.timeoutMs + 5_000).toISOString(), lease_owner: OWNER })
    .where("record_id", "=", w.record_id)
    .where("next_at", "<=", nowIso)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", nowIso)]))
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

async function later(deps: DeployDeps, w: RecordWatchRow, ms: number): Promise<void> {
  await deps.db
    .updateTable("record_watch")
    .set({ next_at: new Date(nowOf(deps) + ms).toISOString(), checks: w.checks + 1, lease_until: null, lease_owner: null })
    .where("record_id", "=", w.record_id)
    .where("lease_owner", "=", OWNER)
    .execute();
}

/** The `finished` row (copying the start's who, what and why), the event, the hold released, the watch ended. */
async function close(deps: DeployDeps, w: RecordWatchRow, finish: Finish): Promise<boolean> {
  let won = false;
  await deps.db.transaction().execute(async (tx) => {
    const started = await tx.selectFrom("ledger").selectAll().where("id", "=", w.ledger_id).executeTakeFirst();
    if (started) {
      won = await appendOutcome(
        tx,
        {
          action: started.action,
          phase: "finished",
          attempted: null,
          actor: actorOfRow(started),
          client: { address: null, userAgent: null, requestId: null },
          app_id: started.app_id,
          app_name: started.app_name,
          task_id: w.task_id,
          record_id: w.record_id,
          target_record_id: started.target_record_id,
          params: parseJson<LedgerParam[] | null>(started.params, null),
          reason: started.reason,
          approval_id: started.approval_id,
          correlation: started.id,
          finish: JSON.stringify(finish),
          message: finishMessage(finish),
        },
        new Date(nowOf(deps)),
      );
    }
    await releaseMarkerOfRecord(tx, w.task_id, w.record_id);
    await tx.deleteFrom("record_watch").where("record_id", "=", w.record_id).execute();
  });
  return won;
}

async function look(deps: DeployDeps, w: RecordWatchRow, s: WatchSummary): Promise<void> {
  const now = nowOf(deps);
  if (!(await lease(deps, w, now))) return;
  s.checked++;
  let progress: UpstreamRecordProgress | null;
  try {
    progress = await deps.upstream.recordProgress({ taskId: w.task_id, recordId: w.record_id });
  } catch (err) {
    s.postponed++;
    const throttled = err instanceof CodeArtsError && (err.status === 429 || err.errorCode === "APIGW.0308");
    if (!throttled) log.warn("record watcher: look postponed", { recordId: w.record_id, taskId: w.task_id, detail: String(err) });
    await later(deps, w, throttled ? THROTTLED_MS : FAILED_MS);
    return;
  }
  if (progress && !progress.finished) {
    await later(deps, w, nextLookMs(now - Date.parse(w.started_at)));
    return;
  }
  if (await close(deps, w, finishOf(progress))) s.finished++;
}

/** One pass over the records due for a look (bounded). */
export async function watchOnce(deps: DeployDeps): Promise<WatchSummary> {
  const s: WatchSummary = { checked: 0, finished: 0, postponed: 0 };
  const nowIso = new Date(nowOf(deps)).toISOString();
  const due = await deps.db
    .selectFrom("record_watch")
    .selectAll()
    .where("next_at", "<=", nowIso)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", nowIso)]))
    .orderBy("next_at")
    .limit(PER_PASS)
    .execute();
  await inBatches(due, AT_ONCE, (w) =>
    look(deps, w, s).catch((err: unknown) => log.warn("record watcher: look failed", { recordId: w.record_id, detail: String(err) })),
  );
  return s;
}
