import "server-only";
/**
 * The admins' side of notifications: channels (their URL, secret and recipients sealed at rest, answered masked),
 * subscriptions, the delivery log with "retry now", and "send test message". Every change is a `notify` ledger
 * row (what changed, never a URL or secret), in the transaction of the change.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { ChannelBody, ChannelView, DeliveryView, SubscriptionBody, SubscriptionView, TestAnswer, channelPatchSchema } from "../../schemas/notify";
import type { z } from "zod";
import { scopeText } from "../../schemas/freeze-windows";
import type { Db } from "../db/schema";
import type { ChannelRow } from "../db/schema-notify";
import type { Admin } from "../deploy/freeze";
import { ApiError } from "../errors";
import { appendRow } from "../ledger/store";
import { type SendSettings, attempt, channelOf, retryNow } from "./deliver";
import { maskUrl, seal } from "./secret-box";
import type { NotifyEvent } from "./types";

const channelNotFound = (id: string) => new ApiError("not_found", `There is no notification channel ${id} (it may have been deleted).`);

async function ledgerNotifyRow(db: Db, who: Admin, message: string, at: Date): Promise<void> {
  await appendRow(db, { action: "notify", phase: "recorded", attempted: null, actor: who.actor, client: who.client, message }, at);
}

function viewOf(r: ChannelRow, counts: { pending: number; dead: number }): ChannelView {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    language: r.language,
    enabled: Number(r.enabled) === 1,
    target: r.target,
    hasSecret: Number(r.has_secret) === 1,
    createdBy: r.created_by,
    createdAt: r.created_at,
    pending: counts.pending,
    dead: counts.dead,
  };
}

export async function listChannels(db: Db): Promise<ChannelView[]> {
  const rows = await db.selectFrom("notify_channels").selectAll().orderBy("name").orderBy("id").execute();
  const counts = await db
    .selectFrom("notify_deliveries")
    .select(["channel_id", "state", sql<number>`count(*)`.as("n")])
    .where("state", "in", ["pending", "dead"])
    .groupBy(["channel_id", "state"])
    .execute();
  const of = (id: string, state: string) => Number(counts.find((c) => c.channel_id === id && c.state === state)?.n ?? 0);
  return rows.map((r) => viewOf(r, { pending: of(r.id, "pending"), dead: of(r.id, "dead") }));
}

async function channelRow(db: Db, id: string): Promise<ChannelRow> {
  const r = await db.selectFrom("notify_channels").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r) throw channelNotFound(id);
  return r;
}

export async function createChannel(db: Db, who: Admin, body: ChannelBody, now: Date): Promise<ChannelView> {
  const id = randomUUID();
  const secret = body.secret ? body.secret : null;
  const row = {
    id,
    name: body.name,
    kind: body.kind,
    language: body.language,
    config: seal(JSON.stringify({ url: body.url ?? null, secret, to: body.to ?? [] })),
    target: body.kind === "email" ? (body.to ?? []).join(", ") : maskUrl(body.url ?? ""),
    has_secret: secret ? 1 : 0,
    enabled: body.enabled ? 1 : 0,
    created_by: who.actor.email,
    created_at: now.toISOString(),
  };
  await db.transaction().execute(async (tx) => {
    await tx.insertInto("notify_channels").values(row).execute();
    await ledgerNotifyRow(tx, who, `Channel "${body.name}" (${body.kind}, ${body.language}) created: ${row.target}`, now);
  });
  return viewOf({ ...row, updated_at: null }, { pending: 0, dead: 0 });
}

export async function updateChannel(db: Db, who: Admin, id: string, patch: z.infer<typeof channelPatchSchema>, now: Date): Promise<ChannelView> {
  const before = await channelRow(db, id);
  const set = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.language !== undefined ? { language: patch.language } : {}),
    ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
    updated_at: now.toISOString(),
  };
  await db.transaction().execute(async (tx) => {
    await tx.updateTable("notify_channels").set(set).where("id", "=", id).execute();
    const what = Object.entries(patch)
      .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
      .join(", ");
    await ledgerNotifyRow(tx, who, `Channel "${before.name}" changed: ${what || "nothing"}`, now);
  });
  return (await listChannels(db)).find((c) => c.id === id) ?? viewOf({ ...before, ...set }, { pending: 0, dead: 0 });
}

export async function deleteChannel(db: Db, who: Admin, id: string, now: Date): Promise<void> {
  const before = await channelRow(db, id);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom("notify_subscriptions").where("channel_id", "=", id).execute();
    await tx.deleteFrom("notify_deliveries").where("channel_id", "=", id).execute();
    await tx.deleteFrom("notify_channels").where("id", "=", id).execute();
    await ledgerNotifyRow(tx, who, `Channel "${before.name}" (${before.kind}) deleted, with its subscriptions and deliveries`, now);
  });
}

/** A test message through the channel now, outside the outbox: the receiver's answer, as it came. */
export async function testChannel(db: Db, who: Admin, id: string, settings: SendSettings, publicUrl: string): Promise<TestAnswer> {
  const channel = channelOf(await channelRow(db, id));
  const event: NotifyEvent = {
    id: randomUUID(),
    kind: "deploy.succeeded",
    at: new Date().toISOString(),
    ledgerId: "test",
    app: { id: null, name: channel.language === "zh-CN" ? "测试消息" : "Test message" },
    taskId: null,
    recordId: null,
    targetRecordId: null,
    actor: { name: who.actor.name, email: who.actor.email },
    reason:
      channel.language === "zh-CN"
        ? `来自 CodeArts 部署控制台的测试消息（${channel.name}）`
        : `A test message from the CodeArts Deploy Console (${channel.name})`,
    link: publicUrl,
    finish: null,
    refusal: null,
    detail: { test: "1" },
  };
  const a = await attempt(channel, event, settings);
  return { ok: a.ok, status: a.status, body: a.body };
}

export async function listDeliveries(db: Db, channelId: string, limit = 100): Promise<DeliveryView[]> {
  await channelRow(db, channelId);
  const rows = await db
    .selectFrom("notify_deliveries as d")
    .innerJoin("outbox as o", "o.id", "d.event_id")
    .select(["d.id", "d.event_id", "o.kind", "o.at", "o.payload", "d.state", "d.attempts", "d.last_at", "d.last_status", "d.last_answer", "d.next_at"])
    .where("d.channel_id", "=", channelId)
    .orderBy("d.created_at", "desc")
    .orderBy("d.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    kind: r.kind,
    eventAt: r.at,
    appName: (JSON.parse(r.payload) as NotifyEvent).app.name,
    state: r.state,
    attempts: Number(r.attempts),
    lastAt: r.last_at,
    lastStatus: r.last_status === null ? null : Number(r.last_status),
    lastAnswer: r.last_answer,
    nextAt: r.next_at,
  }));
}

export async function retryDelivery(db: Db, who: Admin, id: string, now: Date): Promise<void> {
  if (!(await retryNow(db, id))) throw new ApiError("not_found", `There is no delivery ${id} waiting or dead-lettered (it may have been delivered).`);
  await ledgerNotifyRow(db, who, `Delivery ${id} retried now`, now);
}

export async function listSubscriptions(db: Db): Promise<SubscriptionView[]> {
  const rows = await db
    .selectFrom("notify_subscriptions as s")
    .innerJoin("notify_channels as c", "c.id", "s.channel_id")
    .select(["s.id", "s.channel_id", "c.name", "s.scope", "s.events", "s.created_by", "s.created_at"])
    .orderBy("c.name")
    .orderBy("s.created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    channelId: r.channel_id,
    channelName: r.name,
    scope: JSON.parse(r.scope) as SubscriptionView["scope"],
    events: JSON.parse(r.events) as SubscriptionView["events"],
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

export async function createSubscription(db: Db, who: Admin, body: SubscriptionBody, now: Date): Promise<SubscriptionView> {
  const channel = await db.selectFrom("notify_channels").select("name").where("id", "=", body.channelId).executeTakeFirst();
  if (!channel)
    throw new ApiError("validation_failed", "Invalid request (channelId): there is no such channel", [
      { path: ["channelId"], message: "there is no such channel" },
    ]);
  const events = [...new Set(body.events)];
  const row = {
    id: randomUUID(),
    channel_id: body.channelId,
    scope: JSON.stringify(body.scope),
    events: JSON.stringify(events),
    created_by: who.actor.email,
    created_at: now.toISOString(),
  };
  await db.transaction().execute(async (tx) => {
    await tx.insertInto("notify_subscriptions").values(row).execute();
    await ledgerNotifyRow(tx, who, `Subscription of "${channel.name}" created: ${events.join(", ")} for ${scopeText(body.scope)}`, now);
  });
  return { id: row.id, channelId: body.channelId, channelName: channel.name, scope: body.scope, events, createdBy: row.created_by, createdAt: row.created_at };
}

export async function deleteSubscription(db: Db, who: Admin, id: string, now: Date): Promise<void> {
  const s = await db.selectFrom("notify_subscriptions").select("channel_id").where("id", "=", id).executeTakeFirst();
  if (!s) throw new ApiError("not_found", `There is no subscription ${id} (it may have been deleted).`);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom("notify_subscriptions").where("id", "=", id).execute();
    await ledgerNotifyRow(tx, who, `Subscription ${id} deleted`, now);
  });
}
