import "server-only";
/**
 * Write-ahead: the `requested` row is committed before the cloud is called, and a request whose row cannot be
 * written is not sent (fail closed). For a start, the task's in-flight marker and the Idempotency-Key's link to
 * the row go in the same transaction: the marker's primary key refuses a second start of the task on any process.
 * Both rows are listed in `ledger_open` in their transaction, where the reconciler looks for rows to settle.
 */
import { isUniqueViolation } from "../db/errors";
import { appendRow, toRow } from "../ledger/store";
import { type DeployDeps, nowOf } from "./deploy-deps";
import { ledgerStep, ledgerUnavailable } from "./fail-closed";
import { checkInFlightHold } from "./hold";
import type { AttemptRow } from "./refusals";

/** Rounds of "marker released, insert again" before giving up (another start keeps taking the task). */
const MAX_ROUNDS = 3;

/** The start's `requested` row and marker; returns the row's id. Throws 409 while another start holds the task. */
export async function writeAheadStart(deps: DeployDeps, attempt: AttemptRow & { task_id: string }): Promise<string> {
  const actor = attempt.actor;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const row = toRow({ ...attempt, attempted: null, phase: "requested" }, new Date(nowOf(deps)));
    try {
      await deps.db.transaction().execute(async (tx) => {
        // The marker first: on SQLite the write lock is taken by the first statement.
        await tx
          .insertInto("deploy_inflight")
          .values({
            task_id: attempt.task_id,
            ledger_id: row.id,
            state: "requested",
            record_id: null,
            actor_id: actor.id,
            actor_name: actor.name,
            actor_email: actor.email,
            started_at: row.at,
            checked_at: null,
            lease_until: null,
            lease_owner: null,
          })
          .execute();
        await tx.insertInto("ledger").values(row).execute();
        await tx.insertInto("ledger_open").values({ ledger_id: row.id, at: row.at }).execute();
        if (attempt.idempotency_key) {
          await tx.updateTable("idempotency_keys").set({ ledger_id: row.id }).where("key", "=", attempt.idempotency_key).execute();
        }
      });
      return row.id;
    } catch (err) {
      if (!isUniqueViolation(err)) throw ledgerUnavailable(err);
    }
    // Another start took the task between the hold check and this insert: refused while it holds (this request
    // owns its key now, so the key does not let it through).
    await checkInFlightHold(deps, { taskId: attempt.task_id, appName: attempt.app_name ?? null, idempotencyKey: null });
  }
  throw ledgerUnavailable(new Error("the task's in-flight marker kept changing"));
}

/** The stop's `requested` row (and its place among the open ones); returns its id. */
export function writeAheadStop(deps: DeployDeps, attempt: AttemptRow): Promise<string> {
  const at = new Date(nowOf(deps));
  return ledgerStep(() =>
    deps.db.transaction().execute(async (tx) => {
      const id = await appendRow(tx, { ...attempt, attempted: null, phase: "requested" }, at);
      await tx.insertInto("ledger_open").values({ ledger_id: id, at: at.toISOString() }).execute();
      return id;
    }),
  );
}
