import "server-only";
/**
 * What the ledger remembers about records and tasks outside the audit: how the console started each record of a
 * history page, and each task's newest start for the picker's "last run by" (the audit's reads are in query.ts).
 */
import type { Db } from "../db/schema";

/** How the console started a record, as its ledger remembers it. */
export interface RecordOrigin {
  recordId: string;
  action: "start" | "rollback";
  reason: string | null;
  /** Rollbacks: the record returned to. */
  targetRecordId: string | null;
  /** The console user who started it. */
  startedBy: { name: string | null; email: string | null };
  /** The job the cloud named in its start answer; null when the start's outcome came from the reconciler. */
  jobName: string | null;
}

/**
 * The starts that created these records (the `started` outcome rows, which carry record_id), in one query for a
 * whole history page. Reason and rollback target are copied onto every row of a start; the `requested` row they
 * answer (correlation) is read too, in case an outcome row lacks them.
 */
export async function recordOrigins(db: Db, taskId: string, recordIds: readonly string[]): Promise<Map<string, RecordOrigin>> {
  const ids = [...new Set(recordIds)];
  const out = new Map<string, RecordOrigin>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("ledger as s")
    .leftJoin("ledger as r", "r.id", "s.correlation")
    .select([
      "s.record_id",
      "s.action",
      "s.at",
      "s.reason",
      "s.target_record_id",
      "s.actor_name",
      "s.actor_email",
      "s.job_name",
      "r.reason as requested_reason",
      "r.target_record_id as requested_target",
    ])
    .where("s.task_id", "=", taskId)
    .where("s.phase", "=", "started")
    .where("s.record_id", "in", ids)
    .orderBy("s.at", "asc")
    .execute();
  for (const row of rows) {
    // One start creates one record; should two rows name it, the first one wins.
    if (!row.record_id || out.has(row.record_id) || (row.action !== "start" && row.action !== "rollback")) continue;
    out.set(row.record_id, {
      recordId: row.record_id,
      action: row.action,
      reason: row.reason ?? row.requested_reason ?? null,
      targetRecordId: row.target_record_id ?? row.requested_target ?? null,
      startedBy: { name: row.actor_name, email: row.actor_email },
      jobName: row.job_name ?? null,
    });
  }
  return out;
}

/** A task's newest start through the console, for naming the person beside the picker row's last run. */
export interface LastStart {
  taskId: string;
  recordId: string | null;
  /** When the console asked the cloud (the requested row) and when it had the answer (the started row). */
  requestedAt: string | null;
  startedAt: string;
  startedBy: { name: string | null; email: string | null };
}

/** The newest `started` row of each task, one query for a picker page. */
export async function lastStarts(db: Db, taskIds: readonly string[]): Promise<Map<string, LastStart>> {
  const ids = [...new Set(taskIds)];
  const out = new Map<string, LastStart>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("ledger as s")
    .leftJoin("ledger as r", "r.id", "s.correlation")
    .select(["s.task_id", "s.record_id", "s.at", "s.actor_name", "s.actor_email", "r.at as requested_at"])
    .where("s.phase", "=", "started")
    .where("s.task_id", "in", ids)
    .where((eb) =>
      eb(
        "s.at",
        "=",
        eb
          .selectFrom("ledger as x")
          .select((x) => x.fn.max("x.at").as("m"))
          .whereRef("x.task_id", "=", "s.task_id")
          .where("x.phase", "=", "started"),
      ),
    )
    .execute();
  for (const row of rows) {
    if (!row.task_id || out.has(row.task_id)) continue;
    out.set(row.task_id, {
      taskId: row.task_id,
      recordId: row.record_id,
      requestedAt: row.requested_at ?? null,
      startedAt: row.at,
      startedBy: { name: row.actor_name, email: row.actor_email },
    });
  }
  return out;
}

/** Upstream start times are whole seconds on the cloud's clock: this much slack on either side of the call. */
const START_MATCH_SLACK_MS = 2_000;

/**
 * Whether the task's last run (its upstream start time, as the picker row has it) is the console's last start:
 * the cloud started it between the console's request and its answer. A later run from elsewhere (a pipeline)
 * starts after that window, and is then not attributed to the console's user.
 */
export function isSameRun(lastRunAt: string | null, start: LastStart): boolean {
  const at = Date.parse(lastRunAt ?? "");
  if (!Number.isFinite(at)) return false;
  const from = Date.parse(start.requestedAt ?? start.startedAt) - START_MATCH_SLACK_MS;
  const to = Date.parse(start.startedAt) + START_MATCH_SLACK_MS;
  return at >= from && at <= to;
}
