import "server-only";
/**
 * Delivery: each pending (event, channel) row is sent at least once — leased per row with UPDATE … WHERE so two
 * processes do not send it at the same time, retried with exponential back-off and full jitter, dead-lettered after
 * MAX_ATTEMPTS or at once when the receiver's answer says trying again cannot help. The receiver de-duplicates by
 * the event id every sender puts in the message (webhook-id, Message-ID, the card's footer).
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../db/schema";
import type { ChannelRow, DeliveryRow } from "../db/schema-notify";
import { inBatches } from "../batches";
import { log } from "../log";
import { senderOf } from "./channels";
import { open } from "./secret-box";
import type { Channel, DeliveryAnswer, NotifyEvent, SendContext } from "./types";

const OWNER = randomUUID();
/** Attempts before a delivery is a dead letter (≈ 9 hours of back-off in all). */
export const MAX_ATTEMPTS = 10;
const BASE_MS = 10_000;
const CAP_MS = 2 * 3_600_000;
const PER_PASS = 20;
const AT_ONCE = 4;
const ANSWER_MAX = 2_000;

/** The wait after the n-th failed attempt (n ≥ 1): up to BASE·2^(n−1), capped, scaled by a random factor in [½, 1). */
export function backoffMs(attempt: number, random = Math.random): number {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

interface Sealed {
  url: string | null;
  secret: string | null;
  to: string[];
}

/** The channel with its secrets opened (in memory only). */
export function channelOf(row: ChannelRow): Channel {
  const c = JSON.parse(open(row.config)) as Sealed;
  return { id: row.id, name: row.name, kind: row.kind, language: row.language, url: c.url, secret: c.secret, to: c.to };
}

export type SendSettings = Omit<SendContext, "now">;

/** One attempt, whatever happens: an unexpected error is an answer too (retryable), never a throw. */
export async function attempt(channel: Channel, event: NotifyEvent, settings: SendSettings): Promise<DeliveryAnswer> {
  try {
    const a = await senderOf(channel.kind)(channel, event, { ...settings, now: Date.now() });
    return { ...a, body: a.body.slice(0, ANSWER_MAX) };
  } catch (err) {
    log.warn("notify: sender failed", { channelId: channel.id, kind: channel.kind, detail: err instanceof Error ? err.name : "error" });
    return { ok: false, status: null, body: "The console could not send the message (see the server log).", retryable: true };
  }
}

/** The delivery leases of this process, given up at shutdown (a send cut short is sent again: at least once). */
export async function releaseDeliveryLeases(db: Db): Promise<void> {
  await db.updateTable("notify_deliveries").set({ lease_until: null, lease_owner: null }).where("lease_owner", "=", OWNER).execute();
}

async function lease(db: Db, id: string, now: number, timeoutMs: number): Promise<boolean> {
  const nowIso = new Date(now).toISOString();
  const r = await db
    .updateTable("notify_deliveries")
    .set({ lease_until: new Date(now + timeoutMs + 10_000).toISOString(), lease_owner: OWNER })
    .where("id", "=", id)
    .where("state", "=", "pending")
    .where("next_at", "<=", nowIso)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", nowIso)]))
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

type Due = DeliveryRow & { payload: string };

/** Where a delivery goes: its channel, or the watcher's own address (e-mail, in the language they watch in). */
async function targetOf(db: Db, d: DeliveryRow): Promise<Channel | null> {
  if (d.channel_id) {
    const row = await db.selectFrom("notify_channels").selectAll().where("id", "=", d.channel_id).executeTakeFirst();
    return row ? channelOf(row) : null;
  }
  if (!d.user_id) return null;
  const u = await db.selectFrom("users").select(["id", "email", "name"]).where("id", "=", d.user_id).executeTakeFirst();
  if (!u) return null;
  const w = await db.selectFrom("user_watches").select("language").where("user_id", "=", u.id).orderBy("created_at", "desc").executeTakeFirst();
  return { id: `user:${u.id}`, name: u.name, kind: "email", language: w?.language ?? "en", url: null, secret: null, to: [u.email] };
}

async function deliverOne(db: Db, d: Due, settings: SendSettings): Promise<"delivered" | "pending" | "dead" | null> {
  if (!(await lease(db, d.id, Date.now(), settings.timeoutMs))) return null;
  const channel = await targetOf(db, d);
  if (!channel) return null; // deleted meanwhile: its deliveries went with it
  const answer = await attempt(channel, JSON.parse(d.payload) as NotifyEvent, settings);
  const attempts = d.attempts + 1;
  // A dead letter retried by hand is past MAX_ATTEMPTS: one attempt, then dead again unless it got through.
  const state = answer.ok ? "delivered" : !answer.retryable || attempts >= MAX_ATTEMPTS ? "dead" : "pending";
  const now = Date.now();
  await db
    .updateTable("notify_deliveries")
    .set({
      state,
      attempts,
      last_at: new Date(now).toISOString(),
      last_status: answer.status,
      last_answer: answer.body || null,
      next_at: state === "pending" ? new Date(now + backoffMs(attempts)).toISOString() : null,
      lease_until: null,
      lease_owner: null,
    })
    .where("id", "=", d.id)
    .where("lease_owner", "=", OWNER)
    .execute();
  if (state === "dead")
    log.warn("notify: delivery dead-lettered", { deliveryId: d.id, channelId: d.channel_id, eventId: d.event_id, status: answer.status, attempts });
  return state;
}

export interface DeliverySummary {
  delivered: number;
  retrying: number;
  dead: number;
}

/** One pass over the deliveries due, oldest first (bounded). */
export async function deliverOnce(db: Db, settings: SendSettings): Promise<DeliverySummary> {
  const s: DeliverySummary = { delivered: 0, retrying: 0, dead: 0 };
  const nowIso = new Date().toISOString();
  const due = await db
    .selectFrom("notify_deliveries as d")
    .innerJoin("outbox as o", "o.id", "d.event_id")
    .selectAll("d")
    .select("o.payload")
    .where("d.state", "=", "pending")
    .where("d.next_at", "<=", nowIso)
    .where((eb) => eb.or([eb("d.lease_until", "is", null), eb("d.lease_until", "<", nowIso)]))
    .orderBy("d.next_at")
    .limit(PER_PASS)
    .execute();
  for (const st of await inBatches(due, AT_ONCE, (d) => deliverOne(db, d, settings))) {
    if (st === "delivered") s.delivered++;
    else if (st === "pending") s.retrying++;
    else if (st === "dead") s.dead++;
  }
  return s;
}

/** "Retry now": a pending or dead delivery is due at once (a dead letter gets one more attempt). */
export async function retryNow(db: Db, id: string): Promise<boolean> {
  const d = await db.selectFrom("notify_deliveries").select("state").where("id", "=", id).executeTakeFirst();
  if (!d || d.state === "delivered") return false;
  await db
    .updateTable("notify_deliveries")
    .set({ state: "pending", next_at: new Date().toISOString(), lease_until: null, lease_owner: null })
    .where("id", "=", id)
    .where("state", "<>", "delivered")
    .execute();
  return true;
}
