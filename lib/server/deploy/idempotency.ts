import "server-only";
/**
 * Idempotency keys of POST /api/tasks/{taskId}/start. The key's primary key decides which of any number of
 * concurrent duplicates (on one process or several) goes ahead: the key is inserted in the start's write-ahead
 * transaction (write-ahead.ts), linked to its `requested` row, so a start that is refused before or in that
 * transaction holds no key. The duplicates find it taken and poll the row, bounded, until the first stored its
 * answer, and replay it. Keys live 24 h; expired ones are purged lazily and may be reused.
 *
 * What is stored: every answer given after the cloud was called (success, refusal, in doubt). A reconciliation
 * that finds an in-doubt start never happened releases the key instead: nothing was deployed, so a retry may go ahead.
 */
import { IDEMPOTENCY_KEY_PATTERN } from "../../schemas/common";
import { ApiError } from "../errors";
import type { IdempotencyRow } from "../db/schema-ledger";
import type { Db } from "../db/schema";

const KEY_TTL_MS = 24 * 60 * 60 * 1000;

export interface ClaimInput {
  key: string;
  hash: string;
  userId: string;
  taskId: string;
}

/** The answer of the request that holds the key, or `free`: the key was released or had expired (claim it again). */
export type KeyWait = { kind: "free" } | { kind: "replay"; status: number; body: unknown };

export interface WaitOptions {
  /** Until when (ms) a duplicate waits for the first request's answer. */
  deadline: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function replayOf(row: IdempotencyRow): KeyWait | null {
  if (row.state === "pending" || row.response_status === null) return null;
  let body: unknown = null;
  try {
    body = row.response_body ? JSON.parse(row.response_body) : null;
  } catch {
    body = null;
  }
  return { kind: "replay", status: Number(row.response_status), body };
}

/**
 * Claims the key for the start's `requested` row (in its write-ahead transaction). False when the key is taken:
 * ON CONFLICT DO NOTHING rather than a unique violation, which would abort a PostgreSQL transaction.
 */
export async function claimKey(db: Db, input: ClaimInput & { ledgerId: string }, nowMs: number): Promise<boolean> {
  const inserted = await db
    .insertInto("idempotency_keys")
    .values({
      key: input.key,
      request_hash: input.hash,
      user_id: input.userId,
      task_id: input.taskId,
      state: "pending",
      ledger_id: input.ledgerId,
      response_status: null,
      response_body: null,
      created_at: new Date(nowMs).toISOString(),
      expires_at: new Date(nowMs + KEY_TTL_MS).toISOString(),
    })
    .onConflict((oc) => oc.column("key").doNothing())
    .executeTakeFirst();
  return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** The key is taken: waits for (only reading) and returns the answer of the request that holds it. */
export async function awaitAnswer(db: Db, input: ClaimInput, opts: WaitOptions): Promise<KeyWait> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  let delay = 20;
  // Bounded: ends by the deadline, and at most a few thousand rounds even with a stopped clock.
  for (let round = 0; round < 5_000; round++) {
    const t = now();
    const row = await db.selectFrom("idempotency_keys").selectAll().where("key", "=", input.key).executeTakeFirst();
    if (!row) return { kind: "free" }; // released in between
    if (row.expires_at < new Date(t).toISOString()) {
      await db.deleteFrom("idempotency_keys").where("key", "=", input.key).where("expires_at", "=", row.expires_at).execute();
      return { kind: "free" };
    }
    if (row.request_hash !== input.hash) {
      throw new ApiError(
        "idempotency_key_reused",
        "This Idempotency-Key was already used for a different request (another body, task or user). Use a new key for a new deployment.",
      );
    }
    const replay = replayOf(row);
    if (replay) return replay;
    if (t >= opts.deadline) break;
    await sleep(Math.min(delay, Math.max(1, opts.deadline - t)));
    delay = Math.min(delay * 2, 250);
  }
  throw new ApiError(
    "idempotency_in_progress",
    "A request with this Idempotency-Key is still being carried out. Wait a moment, then retry with the same key to get its answer.",
  );
}

/** The request's Idempotency-Key header: null when absent, 400 when malformed. */
export function idempotencyKeyOf(headers: Headers): string | null {
  const key = headers.get("idempotency-key");
  if (key !== null && !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ApiError("validation_failed", "Idempotency-Key must be 8–128 characters of letters, digits, '.', '_', ':' or '-'.");
  }
  return key;
}

export async function storeAnswer(db: Db, key: string, a: { state: "in_doubt" | "done"; status: number; body: unknown }): Promise<void> {
  let q = db
    .updateTable("idempotency_keys")
    .set({ state: a.state, response_status: a.status, response_body: JSON.stringify(a.body) })
    .where("key", "=", key);
  // An in-doubt answer never replaces a settled one (a reconciler may have found the record first).
  if (a.state === "in_doubt") q = q.where("state", "=", "pending");
  await q.execute();
}

/** The reconciler's answer for an in-doubt start's key (found by its ledger row). */
export async function storeAnswerOfLedger(db: Db, ledgerId: string, a: { status: number; body: unknown }): Promise<void> {
  await db
    .updateTable("idempotency_keys")
    .set({ state: "done", response_status: a.status, response_body: JSON.stringify(a.body) })
    .where("ledger_id", "=", ledgerId)
    .execute();
}

export async function releaseKeyOfLedger(db: Db, ledgerId: string): Promise<void> {
  await db.deleteFrom("idempotency_keys").where("ledger_id", "=", ledgerId).execute();
}

/** Lazy purge of expired keys whose request is settled (an in-doubt one waits for its reconciliation). */
export async function purgeExpiredKeys(db: Db, now = new Date()): Promise<number> {
  const r = await db.deleteFrom("idempotency_keys").where("expires_at", "<", now.toISOString()).where("state", "=", "done").executeTakeFirst();
  return Number(r.numDeletedRows);
}
