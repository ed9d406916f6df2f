import "server-only";
/**
 * Writing ledger rows — inserts only. There is deliberately no update or delete here or anywhere else: the ledger
 * is append-only (and the database refuses UPDATE/DELETE on it by trigger).
 */
import { randomUUID } from "node:crypto";
import type { Insertable } from "kysely";
import type { Finish, FreezeOverride, LedgerActor, LedgerEntry, LedgerParam } from "../../schemas/ledger";
import { recordLink } from "../../schemas/records";
import type { Db } from "../db/schema";
import type { LedgerRow, LedgerTable } from "../db/schema-ledger";
import { env } from "../env";
import { countDeployment, timedLedgerWrite } from "../metrics";
import { ledgerEffects, writeEffects } from "../notify/events";

/** Where the request came from. */
export interface ClientInfo {
  address: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** The fields a caller supplies; id, time and the actor/client columns are filled in here. */
export type RowInput = Omit<
  Insertable<LedgerTable>,
  | "id"
  | "at"
  | "actor_id"
  | "actor_name"
  | "actor_email"
  | "actor_teams"
  | "token_id"
  | "token_name"
  | "client_address"
  | "user_agent"
  | "request_id"
  | "params"
> & {
  actor: LedgerActor;
  client: ClientInfo;
  params?: LedgerParam[] | null;
};

/** The actor columns of a ledger row, back as the ledger's actor (the `finished` row repeats the starter). */
export const actorOfRow = (r: Pick<LedgerRow, "actor_id" | "actor_name" | "actor_email" | "actor_teams" | "token_id" | "token_name">): LedgerActor => ({
  id: r.actor_id,
  name: r.actor_name,
  email: r.actor_email,
  teams: parseJson<string[]>(r.actor_teams, []),
  token: r.token_id ? { id: r.token_id, name: r.token_name ?? "" } : null,
});

const clip = (v: string | null | undefined, max: number) => (v == null ? null : v.length > max ? v.slice(0, max) : v);

export function toRow(input: RowInput, at = new Date()): Insertable<LedgerTable> & { id: string; at: string } {
  const { actor, client, params, ...rest } = input;
  return {
    ...rest,
    id: randomUUID(),
    at: at.toISOString(),
    actor_id: actor.id,
    actor_name: clip(actor.name, 200),
    actor_email: clip(actor.email, 320),
    actor_teams: actor.teams.length > 0 ? JSON.stringify(actor.teams) : null,
    token_id: actor.token?.id ?? null,
    token_name: clip(actor.token?.name ?? null, 100),
    client_address: clip(client.address, 64),
    user_agent: clip(client.userAgent, 512),
    request_id: client.requestId,
    params: params ? JSON.stringify(params) : null,
    message: clip(rest.message ?? null, 2000),
    job_name: clip(rest.job_name ?? null, 128),
    reason: clip(rest.reason ?? null, 2000),
  };
}

/** `fn` in a transaction: the caller's, or one of its own. */
const atomically = (db: Db, fn: (tx: Db) => Promise<void>) => (db.isTransaction ? fn(db) : db.transaction().execute(fn));

/** Appends one row, with the events and the record watch it causes (lib/server/notify/events.ts); returns its id. */
export async function appendRow(db: Db, input: RowInput, at?: Date): Promise<string> {
  const row = toRow(input, at);
  const fx = ledgerEffects(row, env().notify.publicUrl);
  await timedLedgerWrite("row", async () => {
    if (!fx) await db.insertInto("ledger").values(row).execute();
    else {
      await atomically(db, async (tx) => {
        await tx.insertInto("ledger").values(row).execute();
        await writeEffects(tx, fx);
      });
    }
  });
  countOutcome(row);
  return row.id;
}

/** console_deployments_total: a deployment's outcome (a denied attempt included) once it is in the ledger. */
function countOutcome(row: Pick<LedgerRow, "action" | "phase"> & Partial<Pick<LedgerRow, "attempted" | "finish">>): void {
  if (row.action === "denied") return countDeployment(row.attempted ?? "unknown", "denied");
  if (row.action !== "start" && row.action !== "rollback" && row.action !== "stop") return;
  if (row.phase === "requested" || row.phase === "recorded") return;
  if (row.phase !== "finished") return countDeployment(row.action, row.phase);
  const state = parseJson<{ state?: unknown }>(row.finish, {}).state;
  countDeployment(row.action, typeof state === "string" && /^[a-z_]{1,20}$/.test(state) ? `finished_${state}` : "finished");
}

/**
 * Appends the final outcome of a requested row, unless one exists already (the handler and the reconcilers of
 * several processes may race: the unique index on `correlation` lets exactly one win). True when this one won.
 */
export async function appendOutcome(db: Db, input: RowInput & { correlation: string }, at?: Date): Promise<boolean> {
  const row = toRow(input, at);
  const fx = ledgerEffects(row, env().notify.publicUrl);
  const insert = async (tx: Db) => {
    const r = await tx
      .insertInto("ledger")
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return (r.numInsertedOrUpdatedRows ?? 0n) > 0n;
  };
  let won = false;
  await timedLedgerWrite("outcome", async () => {
    if (!fx) won = await insert(db);
    else {
      await atomically(db, async (tx) => {
        won = await insert(tx);
        if (won) await writeEffects(tx, fx);
      });
    }
  });
  if (won) countOutcome(row);
  return won;
}

/** A JSON column of the ledger read back; `fallback` when it is empty or (never written so) unreadable. */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function toEntry(r: LedgerRow, resolution: LedgerEntry["resolution"] = null): LedgerEntry {
  return {
    id: r.id,
    at: r.at,
    action: r.action,
    phase: r.phase,
    attempted: r.attempted,
    actor: actorOfRow(r),
    appId: r.app_id,
    appName: r.app_name,
    taskId: r.task_id,
    targetRecordId: r.target_record_id,
    recordId: r.record_id,
    params: parseJson<LedgerParam[] | null>(r.params, null),
    reason: r.reason,
    status: r.http_status === null ? null : Number(r.http_status),
    errorCode: r.error_code,
    message: r.message,
    upstreamErrorCode: r.upstream_error_code,
    upstreamRequestId: r.upstream_request_id,
    idempotencyKey: r.idempotency_key,
    clientAddress: r.client_address,
    userAgent: r.user_agent,
    correlation: r.correlation,
    requestId: r.request_id,
    jobName: r.job_name ?? null,
    override: parseJson<FreezeOverride[] | null>(r.override_window ?? null, null),
    approvalId: r.approval_id ?? null,
    finish: parseJson<Finish | null>(r.finish ?? null, null),
    resolution,
    recordLink: recordLink(r.task_id, r.record_id ?? r.target_record_id),
  };
}
