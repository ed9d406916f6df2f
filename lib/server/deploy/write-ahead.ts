import "server-only";
/**
 * Write-ahead: the `requested` row is committed before the cloud is called, and a request whose row cannot be
 * written is not sent (fail closed). For a start, everything it claims goes in the same transaction — its one
 * commit before the cloud call: the Idempotency-Key (linked to the row), the approval it executes (approved →
 * executing) and the task's in-flight marker, whose primary key refuses a second start of the task on any process.
 * A claim that fails rolls it all back, so a refused start holds nothing that would have to be released. The row
 * is listed in `ledger_open` in the same transaction, where the reconciler looks for rows to settle.
 */
import { isUniqueViolation } from "../db/errors";
import { timedLedgerWrite } from "../metrics";
import { appendRow, toRow } from "../ledger/store";
import { claimApproval, claimLostError } from "./approval-store";
import { type DeployDeps, nowOf } from "./deploy-deps";
import { ledgerStep, ledgerUnavailable } from "./fail-closed";
import { checkInFlightHold } from "./hold";
import { awaitAnswer, claimKey, type ClaimInput } from "./idempotency";
import type { AttemptRow } from "./refusals";
import { liveStartMs } from "./timeouts";

/** Rounds of "marker or key released, claim again" before giving up (other starts keep taking them). */
const MAX_ROUNDS = 3;

export type StartAttempt = AttemptRow & { task_id: string };

/** The start's `requested` row was written (its id), or its Idempotency-Key's first answer is to be replayed. */
export type WriteAhead = { kind: "written"; id: string } | { kind: "replay"; status: number; body: unknown };

/** A claim of the write-ahead transaction failed: thrown inside it to roll it back. */
class ClaimFailed extends Error {
  constructor(readonly claim: "key" | "approval") {
    super(`the write-ahead's ${claim} claim failed`);
  }
}

/**
 * The start's write-ahead transaction. A taken key waits for (and replays) the answer of the request that holds
 * it, or is 422 for another request; a lost approval is 409 approval_not_executable; a task held by another start
 * is 409 deploy_in_progress. `key` is the request's Idempotency-Key with its hash, when it has one.
 */
export async function writeAheadStart(deps: DeployDeps, attempt: StartAttempt, key: ClaimInput | null): Promise<WriteAhead> {
  const approvalId = attempt.approval_id ?? null;
  const deadline = nowOf(deps) + liveStartMs(deps.timeoutMs);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const t = await tryWriteAhead(deps, attempt, key, approvalId);
    if (t.kind === "written") return t;
    if (t.kind === "approval" && approvalId) throw await ledgerStep(() => claimLostError(deps.db, approvalId, nowOf(deps)));
    if (t.kind === "key" && key) {
      const wait = await ledgerStep(() => awaitAnswer(deps.db, key, { deadline, now: deps.now, sleep: deps.sleep }));
      if (wait.kind === "replay") return wait;
      continue;
    }
    // Another start took the task between the hold check and this transaction: refused while it holds. (The key
    // was rolled back with the marker; a start holding this same key would have made the key's insert fail first.)
    await checkInFlightHold(deps, { taskId: attempt.task_id, appName: attempt.app_name ?? null, idempotencyKey: null });
  }
  throw ledgerUnavailable(new Error("the task's in-flight marker or the Idempotency-Key kept changing"));
}

/** One try: the written row, or the claim that failed (`marker`: another start holds the task). */
async function tryWriteAhead(
  deps: DeployDeps,
  attempt: StartAttempt,
  key: ClaimInput | null,
  approvalId: string | null,
): Promise<{ kind: "written"; id: string } | { kind: "key" | "approval" | "marker" }> {
  const now = nowOf(deps);
  const row = toRow({ ...attempt, attempted: null, phase: "requested" }, new Date(now));
  try {
    await timedLedgerWrite("write_ahead", () =>
      deps.db.transaction().execute(async (tx) => {
        // Writes only, the first one included: on SQLite the first write takes the write lock, and a read before it
        // would pin a snapshot another process may have moved past (SQLITE_BUSY_SNAPSHOT instead of a wait).
        if (key && !(await claimKey(tx, { ...key, ledgerId: row.id }, now))) throw new ClaimFailed("key");
        if (approvalId && !(await claimApproval(tx, approvalId, now))) throw new ClaimFailed("approval");
        await tx
          .insertInto("deploy_inflight")
          .values({
            task_id: attempt.task_id,
            ledger_id: row.id,
            state: "requested",
            record_id: null,
            actor_id: attempt.actor.id,
            actor_name: attempt.actor.name,
            actor_email: attempt.actor.email,
            started_at: row.at,
            checked_at: null,
            lease_until: null,
            lease_owner: null,
          })
          .execute();
        await tx.insertInto("ledger").values(row).execute();
        await tx.insertInto("ledger_open").values({ ledger_id: row.id, at: row.at }).execute();
      }),
    );
    return { kind: "written", id: row.id };
  } catch (err) {
    if (err instanceof ClaimFailed) return { kind: err.claim };
    if (isUniqueViolation(err)) return { kind: "marker" };
    throw ledgerUnavailable(err);
  }
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
