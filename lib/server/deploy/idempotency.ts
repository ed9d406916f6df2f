import "server-only";
/**
 * Idempotency keys of POST /api/tasks/{taskId}/start. The key's primary key decides which of any number of
 * concurrent duplicates (on one process or several) goes ahead; the others poll the row, bounded, until the
 * first stored its answer, and replay it. Keys live 24 h; expired ones are purged lazily and may be reused.
 *
 * What is stored: every answer given after the cloud was called (success, refusal, in doubt). An answer given
 * before the cloud was called (409 deploy_in_progress, 503 ledger_unavailable) releases the key instead, and so
 * does a reconciliation that finds an in-doubt start never happened: nothing was deployed, so a retry may go ahead.
 */
import { IDEMPOTENCY_KEY_PATTERN } from "../../schemas/common";
import { ApiError } from "../errors";
import type { IdempotencyRow } from "../db/schema-ledger";
import type { Db } from "../db/schema";

const KEY_TTL_MS = 24 * 60 * 60 * 1000;

export type KeyClaim = { kind: "owner" } | { kind: "replay"; status: number; body: unknown; ledgerId: string | null };

export interface ClaimInput {
  key: string;
  hash: string;
  userId: string;
  taskId: string;
}

export interface WaitOptions {
  /** How long a duplicate waits for the first request's answer. */
  waitMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function replayOf(row: IdempotencyRow): KeyClaim | null {
  if (row.state === "pending" || row.response_status === null) return null;
  let body: unknown = null;
  try {
    body = row.response_body ? JSON.parse(row.response_body) : null;
  } catch {
    body = null;
  }
  return { kind: "replay", status: Number(row.response_status), body, ledgerId: row.ledger_id };
}

/** Claims the key, or waits for and returns the answer of the request that holds it. */
export async function claimKey(db: Db, input: ClaimInput, opts: WaitOptions): Promise<KeyClaim> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  const deadline = now() + opts.waitMs;
  let delay = 20;
  let tryInsert = true;
  // Bounded: ends by the deadline, and at most a few thousand rounds even with a stopped clock.
  for (let round = 0; round < 5_000; round++) {
    const t = now();
    if (tryInsert) {
      const inserted = await db
        .insertInto("idempotency_keys")
        .values({
          key: input.key,
          request_hash: input.hash,
          user_id: input.userId,
          task_id: input.taskId,
          state: "pending",
          ledger_id: null,
          response_status: null,
          response_body: null,
          created_at: new Date(t).toISOString(),
          expires_at: new Date(t + KEY_TTL_MS).toISOString(),
        })
        .onConflict((oc) => oc.column("key").doNothing())
        .executeTakeFirst();
      if ((inserted.numInsertedOrUpdatedRows ?? 0n) > 0n) return { kind: "owner" };
    }
    // While the first request is under way, waiting duplicates only read.
    const row = await db.selectFrom("idempotency_keys").selectAll().where("key", "=", input.key).executeTakeFirst();
    tryInsert = !row;
    if (!row) continue; // released in between: claim again
    if (row.expires_at < new Date(t).toISOString()) {
      await db.deleteFrom("idempotency_keys").where("key", "=", input.key).where("expires_at", "=", row.expires_at).execute();
      tryInsert = true;
      continue;
    }
    if (row.request_hash !== input.hash) {
      throw new ApiError(
        "idempotency_key_reused",
        "This Idempotency-Key was already used for a different request (another body, task or user). Use a new key for a new deployment.",
      );
    }
    const replay = replayOf(row);
    if (replay) return replay;
    if (t >= deadline) break;
    await sleep(Math.min(delay, Math.max(1, deadline - t)));
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

export async function releaseKey(db: Db, key: string): Promise<void> {
  await db.deleteFrom("idempotency_keys").where("key", "=", key).execute();
}

export async function releaseKeyOfLedger(db: Db, ledgerId: string): Promise<void> {
  await db.deleteFrom("idempotency_keys").where("ledger_id", "=", ledgerId).execute();
}

/** Lazy purge of expired keys whose request is settled (an in-doubt one waits for its reconciliation). */
export async function purgeExpiredKeys(db: Db, now = new Date()): Promise<number> {
  const r = await db.deleteFrom("idempotency_keys").where("expires_at", "<", now.toISOString()).where("state", "=", "done").executeTakeFirst();
  return Number(r.numDeletedRows);
}
