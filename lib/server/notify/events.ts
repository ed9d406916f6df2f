import "server-only";
/**
 * What a ledger row sets going, written in the same transaction as the row (lib/server/ledger/store.ts calls
 * `ledgerEffects` for every row it appends): the outbox events it causes, and — for a `started` row — the record
 * watcher's row that follows the new record until it is final. A row either lands with all of them or not at all,
 * so no event is lost between the ledger and the dispatcher, and no event exists for a row that was not written.
 */
import type { Insertable } from "kysely";
import { type Finish, type FreezeOverride, finishSchema } from "../../schemas/ledger";
import type { EventKind } from "../../schemas/notify";
import { recordLink } from "../../schemas/records";
import type { Db } from "../db/schema";
import type { LedgerTable } from "../db/schema-ledger";
import type { OutboxTable, RecordWatchTable } from "../db/schema-notify";
import type { NotifyEvent } from "./types";
import { randomUUID } from "node:crypto";

/** A ledger row as store.ts inserts it (id and time filled in). */
export type LedgerInsert = Insertable<LedgerTable> & { id: string; at: string };

/** Refusals that tell a team something: another deployment holds the task (409), a lock or freeze window (423). */
const REFUSAL_STATUSES = new Set([409, 423]);
/** The watcher's first look at a new record. */
export const FIRST_CHECK_MS = 3_000;

const json = <T>(text: string | null | undefined): T | null => {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
};

/** The event kinds a row causes (a start let through a freeze window is also `freeze.overridden`). */
function kindsOf(row: LedgerInsert): EventKind[] {
  switch (row.phase) {
    case "started": {
      const kinds: EventKind[] = [row.action === "rollback" ? "rollback.started" : "deploy.started"];
      if (row.override_window) kinds.push("freeze.overridden");
      return kinds;
    }
    case "finished": {
      const state = json<Finish>(row.finish)?.state;
      return [state === "succeeded" ? "deploy.succeeded" : state === "stopped" ? "deploy.stopped" : "deploy.failed"];
    }
    case "denied":
      return row.http_status != null && REFUSAL_STATUSES.has(Number(row.http_status)) ? ["deploy.refused"] : [];
    case "recorded": {
      const byAction: Partial<Record<LedgerInsert["action"], EventKind>> = {
        lock: "lock.created",
        unlock: "lock.released",
        break_lock: "lock.broken",
        approval_request: "approval.requested",
        approve: "approval.approved",
        reject: "approval.rejected",
      };
      const kind = byAction[row.action];
      return kind ? [kind] : [];
    }
    default:
      return [];
  }
}

/** The console page an event links to: the record, else the approval request, else the task. */
function pathOf(row: LedgerInsert, kind: EventKind): string | null {
  if (kind.startsWith("approval.") && row.approval_id) return `/requests/${row.approval_id}`;
  return recordLink(row.task_id ?? null, row.record_id ?? null) ?? (row.task_id ? `/tasks/${row.task_id}` : null);
}

function eventOf(row: LedgerInsert, kind: EventKind, publicUrl: string): NotifyEvent {
  const windows = json<FreezeOverride[]>(row.override_window);
  const finish = row.phase === "finished" ? (finishSchema.safeParse(json(row.finish)).data ?? null) : null;
  const path = pathOf(row, kind);
  const detail: Record<string, string | null> = {};
  if (kind === "freeze.overridden" && windows) detail.windows = windows.map((w) => w.name).join(", ");
  if (kind.startsWith("lock.") || kind.startsWith("approval.")) detail.message = row.message ?? null;
  if (row.approval_id) detail.approvalId = row.approval_id;
  return {
    id: randomUUID(),
    kind,
    at: row.at,
    ledgerId: row.id,
    app: { id: row.app_id ?? null, name: row.app_name ?? null },
    taskId: row.task_id ?? null,
    recordId: row.record_id ?? null,
    targetRecordId: row.target_record_id ?? null,
    actor: { name: row.actor_name ?? null, email: row.actor_email ?? null },
    reason: row.reason ?? null,
    link: path ? `${publicUrl}${path}` : null,
    finish,
    refusal: kind === "deploy.refused" ? { status: Number(row.http_status), code: row.error_code ?? null, message: row.message ?? null } : null,
    detail,
  };
}

export interface LedgerEffects {
  outbox: Insertable<OutboxTable>[];
  watch: Insertable<RecordWatchTable> | null;
}

/** Null when the row causes nothing (most rows: requested, failed, recorded freeze edits…). */
export function ledgerEffects(row: LedgerInsert, publicUrl: string): LedgerEffects | null {
  const outbox = kindsOf(row).map((kind) => {
    const e = eventOf(row, kind, publicUrl);
    return { id: e.id, kind, at: e.at, ledger_id: row.id, task_id: e.taskId, record_id: e.recordId, payload: JSON.stringify(e) };
  });
  const watch =
    row.phase === "started" && row.record_id && row.task_id
      ? {
          record_id: row.record_id,
          task_id: row.task_id,
          ledger_id: row.id,
          started_at: row.at,
          next_at: new Date(Date.parse(row.at) + FIRST_CHECK_MS).toISOString(),
          checks: 0,
        }
      : null;
  return outbox.length === 0 && !watch ? null : { outbox, watch };
}

export async function writeEffects(tx: Db, fx: LedgerEffects): Promise<void> {
  if (fx.outbox.length > 0) await tx.insertInto("outbox").values(fx.outbox).execute();
  // A record is followed once (a reconciler and a handler may both have found it; only one `started` row wins).
  if (fx.watch)
    await tx
      .insertInto("record_watch")
      .values(fx.watch)
      .onConflict((oc) => oc.doNothing())
      .execute();
}
