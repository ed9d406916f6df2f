import "server-only";
/**
 * The per-task guard: one row in deploy_inflight (primary key task_id) while a deployment started through the
 * console may be running. It is inserted in the same transaction as the `requested` ledger row, so two starts of
 * one task — on one process or several — cannot both pass; it goes when the start is refused, when the
 * reconciler finds it never started, or once its record has finished (checked upstream, not too often).
 */
import type { CodeArtsError } from "../../codearts/errors";
import { recordLink } from "../../schemas/records";
import type { InFlight } from "../../schemas/tasks";
import type { Db } from "../db/schema";
import type { InflightRow } from "../db/schema-ledger";
import { ApiError } from "../errors";
import { type DeployDeps, type DeployUpstream, nowOf } from "./deploy-deps";
import { liveStartMs } from "./timeouts";

/** A marker younger than this is trusted without asking the cloud (a burst of duplicates asks nobody). */
export const MARKER_FRESH_MS = 4_000;

export function readMarker(db: Db, taskId: string): Promise<InflightRow | undefined> {
  return db.selectFrom("deploy_inflight").selectAll().where("task_id", "=", taskId).executeTakeFirst();
}

/** Deletes the marker only if it still belongs to `ledgerId` (a newer start's marker is left alone). */
export async function releaseMarker(db: Db, taskId: string, ledgerId: string): Promise<boolean> {
  const r = await db.deleteFrom("deploy_inflight").where("task_id", "=", taskId).where("ledger_id", "=", ledgerId).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export async function markRunning(db: Db, taskId: string, ledgerId: string, recordId: string, now = new Date()): Promise<void> {
  await db
    .updateTable("deploy_inflight")
    .set({ state: "running", record_id: recordId, checked_at: now.toISOString(), lease_until: null, lease_owner: null })
    .where("task_id", "=", taskId)
    .where("ledger_id", "=", ledgerId)
    .execute();
}

export async function markInDoubt(db: Db, taskId: string, ledgerId: string): Promise<void> {
  // Only from "requested": a reconciler that already found the record (running) wins.
  await db
    .updateTable("deploy_inflight")
    .set({ state: "in_doubt" })
    .where("task_id", "=", taskId)
    .where("ledger_id", "=", ledgerId)
    .where("state", "=", "requested")
    .execute();
}

/** Stop: the stopped record's marker goes (whichever start it belonged to). */
export async function releaseMarkerOfRecord(db: Db, taskId: string, recordId: string): Promise<void> {
  await db.deleteFrom("deploy_inflight").where("task_id", "=", taskId).where("record_id", "=", recordId).execute();
}

/**
 * Reconciler lease: an UPDATE … WHERE that only one process wins while the lease is valid (portable; the final
 * outcome is also guarded by the ledger's unique index, so a lost lease cannot produce two outcomes).
 */
export async function leaseMarker(db: Db, m: { taskId: string; ledgerId: string; owner: string; now: Date; forMs: number }): Promise<boolean> {
  const nowIso = m.now.toISOString();
  const r = await db
    .updateTable("deploy_inflight")
    .set({ lease_until: new Date(m.now.getTime() + m.forMs).toISOString(), lease_owner: m.owner })
    .where("task_id", "=", m.taskId)
    .where("ledger_id", "=", m.ledgerId)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", nowIso), eb("lease_owner", "=", m.owner)]))
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Every marker lease `owner` holds, given up (a process shutting down: the others need not wait for expiry). */
export async function releaseLeasesOf(db: Db, owner: string): Promise<void> {
  await db.updateTable("deploy_inflight").set({ lease_until: null, lease_owner: null }).where("lease_owner", "=", owner).execute();
}

export async function releaseLease(db: Db, taskId: string, ledgerId: string, owner: string): Promise<void> {
  await db
    .updateTable("deploy_inflight")
    .set({ lease_until: null, lease_owner: null })
    .where("task_id", "=", taskId)
    .where("ledger_id", "=", ledgerId)
    .where("lease_owner", "=", owner)
    .execute();
}

/**
 * The marker as the task page shows it. A start still waiting for its answer counts as running until it is older
 * than `doubtAfterMs` (the longest a live start can take): after that its process is gone or the answer was lost.
 */
function toInFlight(m: InflightRow, now: number, doubtAfterMs: number): InFlight {
  const inDoubt = m.state === "in_doubt" || (m.state === "requested" && now - Date.parse(m.started_at) > doubtAfterMs);
  return {
    by: { id: m.actor_id, name: m.actor_name, email: m.actor_email },
    at: m.started_at,
    recordId: m.record_id,
    state: inDoubt ? "in_doubt" : "running",
    link: recordLink(m.task_id, m.record_id),
    ledgerId: m.ledger_id,
  };
}

/**
 * The task's marker after checking its record upstream when that is due: a running marker older than
 * MARKER_FRESH_MS (since it was set or last confirmed) is checked with ShowDeployStatus and released when the
 * record has finished or no longer exists. An upstream failure keeps the marker (fail closed).
 */
export async function currentMarker(db: Db, upstream: DeployUpstream, taskId: string, now = Date.now()): Promise<InflightRow | undefined> {
  const m = await readMarker(db, taskId);
  if (!m || m.state !== "running" || !m.record_id) return m;
  const last = Math.max(Date.parse(m.started_at), m.checked_at ? Date.parse(m.checked_at) : 0);
  if (now - last < MARKER_FRESH_MS) return m;
  let state;
  try {
    state = await upstream.recordState({ taskId, recordId: m.record_id });
  } catch {
    return m;
  }
  if (!state || state.finished) {
    await releaseMarker(db, taskId, m.ledger_id);
    return undefined;
  }
  const checked = new Date(now).toISOString();
  await db.updateTable("deploy_inflight").set({ checked_at: checked }).where("task_id", "=", taskId).where("ledger_id", "=", m.ledger_id).execute();
  return { ...m, checked_at: checked };
}

/** GET /api/tasks/{taskId}: the deployment that holds the task, so the page can say so before the button is pressed. */
export async function taskInFlight(deps: DeployDeps, taskId: string): Promise<InFlight | null> {
  const m = await currentMarker(deps.db, deps.upstream, taskId, nowOf(deps));
  return m ? toInFlight(m, nowOf(deps), liveStartMs(deps.timeoutMs)) : null;
}

const who = (f: InFlight) => (f.by.name && f.by.email ? `${f.by.name} <${f.by.email}>` : (f.by.email ?? f.by.name ?? "someone outside the console"));

/** 409 deploy_in_progress from the console's own marker. */
export function inProgressError(m: InflightRow, appName: string | null, now: number, timeoutMs: number): ApiError {
  const f = toInFlight(m, now, liveStartMs(timeoutMs));
  const app = appName ?? "This app";
  const message =
    f.state === "in_doubt"
      ? `${app} has a start by ${who(f)} at ${f.at} that may or may not have reached CodeArts; the console is checking the task's history and will settle it shortly. Start again once it is settled.`
      : `${app} is already being deployed: started by ${who(f)} at ${f.at}${f.link ? `, record ${f.recordId} (${f.link})` : " (its record is not known yet)"}. Wait for it to finish or stop it, then start again.`;
  return new ApiError("deploy_in_progress", message, undefined, { inFlight: f });
}

/**
 * The cloud's own "already being deployed" (Deploy.00011027): a deployment the console did not start (CodeArts
 * UI, a pipeline) or one whose marker is gone. Reports whatever ShowDeployStatus says about the latest record.
 */
export async function upstreamConflictError(deps: DeployDeps, taskId: string, appName: string | null, ca: CodeArtsError): Promise<ApiError> {
  const latest = await deps.upstream.recordState({ taskId, recordId: null }).catch(() => null);
  const running = latest && !latest.finished ? latest : null;
  const inFlight: InFlight | null = running
    ? {
        by: { id: null, name: running.executor, email: null },
        at: running.startTime ?? "",
        recordId: running.recordId || null,
        state: "running",
        link: recordLink(taskId, running.recordId || null),
        ledgerId: null,
      }
    : null;
  const app = appName ?? "This app";
  const detail = running
    ? `: record ${running.recordId} (${recordLink(taskId, running.recordId)}) started${running.executor ? ` by ${running.executor}` : ""}${running.startTime ? ` at ${running.startTime}` : ""}`
    : "";
  return new ApiError(
    "deploy_in_progress",
    `CodeArts reports that ${app} is already being deployed${detail}. Wait for it to finish or stop it, then start again.`,
    undefined,
    {
      inFlight,
      upstream: { status: ca.status, error_code: ca.errorCode, error_msg: ca.errorMsg, request_id: ca.requestId },
    },
  );
}
