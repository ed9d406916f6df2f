import "server-only";
/**
 * Deploy locks: a deployer takes a task out of everyone else's hands for a while (reason, 15 min – 7 days). One
 * row per task (deploy_locks); an expired row is no lock — every read filters on `until`, and the next lock
 * replaces it — so no background job is needed to be correct. Taking a lock is one upsert that only overwrites an
 * expired lock or the caller's own (the database decides between two users racing for it). Every lock, unlock and
 * break is a ledger row (phase `recorded`); a start refused by a lock is the pipeline's `denied` row (423).
 */
import type { LedgerActor } from "../../schemas/ledger";
import type { LockBody, TaskLock } from "../../schemas/locks";
import type { Db } from "../db/schema";
import type { DeployLocksTable } from "../db/schema-ledger";
import { appOfTask } from "../db/task-names";
import { ApiError } from "../errors";
import { appendRow, type ClientInfo } from "../ledger/store";
import { type DeployDeps, nowOf } from "./deploy-deps";
import { ledgerStep } from "./fail-closed";

type LockRow = DeployLocksTable;

const toLock = (r: LockRow, userId: string | null): TaskLock => ({
  by: { id: r.owner_id, name: r.owner_name, email: r.owner_email },
  reason: r.reason,
  note: r.note,
  since: r.since,
  until: r.until,
  mine: userId !== null && r.owner_id === userId,
});

/** The lock that holds the task now, or null. */
export async function currentLock(db: Db, taskId: string, nowMs: number, userId: string | null): Promise<TaskLock | null> {
  const row = await db
    .selectFrom("deploy_locks")
    .selectAll()
    .where("task_id", "=", taskId)
    .where("until", ">", new Date(nowMs).toISOString())
    .executeTakeFirst();
  return row ? toLock(row, userId) : null;
}

/** The locks of a picker page, one query. */
export async function locksOf(db: Db, taskIds: readonly string[], nowMs: number, userId: string | null): Promise<Map<string, TaskLock>> {
  const ids = [...new Set(taskIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("deploy_locks").selectAll().where("task_id", "in", ids).where("until", ">", new Date(nowMs).toISOString()).execute();
  return new Map(rows.map((r) => [r.task_id, toLock(r, userId)]));
}

const ownerName = (l: TaskLock) => l.by.name || l.by.email || "another user";

/** The 423 every refused start, rollback and lock attempt answers with. */
export function lockedError(lock: TaskLock): ApiError {
  const until = lock.until;
  return new ApiError(
    "task_locked",
    `${ownerName(lock)} has locked this task until ${until}: ${lock.reason}. Starts, rollbacks and redeploys by anyone else are refused until they unlock it or the lock expires.`,
    undefined,
    { lock },
  );
}

interface Who {
  actor: LedgerActor & { id: string };
  client: ClientInfo;
}

async function ledgerLockRow(
  deps: DeployDeps,
  taskId: string,
  who: Who,
  action: "lock" | "unlock" | "break_lock",
  reason: string | null,
  message: string,
  at: Date,
): Promise<void> {
  const app = await appOfTask(deps.db, taskId, null);
  await appendRow(
    deps.db,
    {
      action,
      phase: "recorded",
      attempted: null,
      actor: who.actor,
      client: who.client,
      app_id: app.appId,
      app_name: app.appName,
      task_id: taskId,
      reason,
      message,
    },
    at,
  );
}

/**
 * Locks the task for `minutes` from now, or renews the caller's own lock (new reason, note and expiry). Someone
 * else's live lock is 423 with that lock. The row and its ledger row are one transaction: a lock is never taken
 * without its record.
 */
export async function lockTask(deps: DeployDeps, input: Who & { taskId: string; body: LockBody }): Promise<TaskLock> {
  const now = new Date(nowOf(deps));
  const row: LockRow = {
    task_id: input.taskId,
    owner_id: input.actor.id,
    owner_name: input.actor.name,
    owner_email: input.actor.email,
    reason: input.body.reason,
    note: input.body.note || null,
    since: now.toISOString(),
    until: new Date(now.getTime() + input.body.minutes * 60_000).toISOString(),
  };
  const held = await ledgerStep(() =>
    deps.db.transaction().execute(async (tx) => {
      await tx
        .insertInto("deploy_locks")
        .values(row)
        .onConflict((oc) =>
          oc
            .column("task_id")
            .doUpdateSet({ ...row, since: row.since })
            .where((eb) => eb.or([eb("deploy_locks.until", "<=", row.since), eb("deploy_locks.owner_id", "=", row.owner_id)])),
        )
        .execute();
      const after = await tx.selectFrom("deploy_locks").selectAll().where("task_id", "=", input.taskId).executeTakeFirstOrThrow();
      if (after.owner_id !== row.owner_id) return toLock(after, input.actor.id);
      await ledgerLockRow({ ...deps, db: tx }, input.taskId, input, "lock", row.reason, `locked until ${row.until}${row.note ? ` — ${row.note}` : ""}`, now);
      return toLock(after, input.actor.id);
    }),
  );
  if (!held.mine) throw lockedError(held);
  return held;
}

/**
 * Unlocks the task: the owner, or an admin — who, on someone else's lock, breaks it and must say why (a
 * `break_lock` row naming whose lock it was). Not locked (or expired): 404.
 */
export async function unlockTask(deps: DeployDeps, input: Who & { taskId: string; isAdmin: boolean; reason: string | null }): Promise<void> {
  const now = new Date(nowOf(deps));
  await ledgerStep(() =>
    deps.db.transaction().execute(async (tx) => {
      const lock = await currentLock(tx, input.taskId, now.getTime(), input.actor.id);
      if (!lock) throw new ApiError("not_found", "This task is not locked (or its lock has already expired).", undefined, { reason: "not_locked" });
      if (!lock.mine && !input.isAdmin) {
        throw new ApiError("forbidden", `This lock belongs to ${ownerName(lock)}: only they or an administrator can unlock it.`, undefined, {
          reason: "lock_not_yours",
          args: { name: ownerName(lock) },
          lock,
        });
      }
      if (!lock.mine && !input.reason) {
        throw new ApiError("validation_failed", "Breaking someone else's lock needs a reason (?reason=…).", [{ path: ["reason"], message: "required" }], {
          reason: "break_needs_reason",
        });
      }
      await tx.deleteFrom("deploy_locks").where("task_id", "=", input.taskId).where("owner_id", "=", lock.by.id!).execute();
      const whose = lock.mine ? "own lock" : `lock of ${ownerName(lock)} (${lock.by.email ?? lock.by.id}), taken for: ${lock.reason}`;
      await ledgerLockRow(
        { ...deps, db: tx },
        input.taskId,
        input,
        lock.mine ? "unlock" : "break_lock",
        input.reason ?? lock.reason,
        `released the ${whose}`,
        now,
      );
    }),
  );
}
