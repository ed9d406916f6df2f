import "server-only";
/**
 * Routing: each outbox event, once, to the channels whose subscriptions match it (one `notify_deliveries` row per
 * event and channel) and to the inboxes of the people it concerns — those watching its app or record, and for
 * `approval.requested` those who may approve it. Leased per event with UPDATE … WHERE, so several processes route
 * disjoint events; the unique (event, channel) and (user, event) keys make a second routing of an event (a lease
 * lost mid-way) add nothing.
 */
import { randomUUID } from "node:crypto";
import { ALL_APPS } from "../../schemas/access";
import { scopeCovers } from "../../schemas/freeze-windows";
import { type EventKind, type SubscriptionScope, subscriptionScopeSchema } from "../../schemas/notify";
import { teamsOnTask } from "../deploy/freeze";
import type { Db } from "../db/schema";
import type { OutboxRow } from "../db/schema-notify";
import type { NotifyEvent } from "./types";

const OWNER = randomUUID();
const PER_PASS = 100;
const LEASE_MS = 30_000;

/** Events the person who caused them is not told about in their own inbox (they just did it). */
const OWN_DOING = new Set<EventKind>([
  "deploy.started",
  "rollback.started",
  "deploy.refused",
  "lock.created",
  "lock.released",
  "lock.broken",
  "freeze.overridden",
  "approval.requested",
]);

interface Subscription {
  channelId: string;
  scope: SubscriptionScope;
  events: Set<string>;
}

async function subscriptions(db: Db): Promise<Subscription[]> {
  const rows = await db
    .selectFrom("notify_subscriptions as s")
    .innerJoin("notify_channels as c", "c.id", "s.channel_id")
    .select(["s.channel_id", "s.scope", "s.events"])
    .where("c.enabled", "=", 1)
    .execute();
  return rows.flatMap((r) => {
    const scope = subscriptionScopeSchema.safeParse(JSON.parse(r.scope));
    return scope.success ? [{ channelId: r.channel_id, scope: scope.data, events: new Set<string>(JSON.parse(r.events) as string[]) }] : [];
  });
}

/** Users who may approve a request of this task: the deploy right, by global role or a team's grant. */
async function approversOf(db: Db, taskId: string): Promise<string[]> {
  const global = await db.selectFrom("users").select("id").where("role", "in", ["deployer", "admin"]).execute();
  const byTeam = await db
    .selectFrom("team_members as m")
    .innerJoin("grants as g", "g.team_id", "m.team_id")
    .select("m.user_id")
    .where("g.role", "in", ["deployer", "admin"])
    .where((eb) => eb.or([eb("g.task_id", "=", taskId), eb("g.app_id", "=", ALL_APPS)]))
    .execute();
  return [...new Set([...global.map((u) => u.id), ...byTeam.map((u) => u.user_id)])];
}

/** Whose inbox the event goes to, and which of them asked for it by e-mail too. */
async function inboxUsers(db: Db, e: NotifyEvent, actorId: string | null): Promise<{ users: string[]; mail: string[] }> {
  const watchers = e.taskId
    ? await db
        .selectFrom("user_watches")
        .select(["user_id", "email"])
        .where("task_id", "=", e.taskId)
        .where("record_id", "in", e.recordId ? ["", e.recordId] : [""])
        .execute()
    : [];
  const users = new Set(watchers.map((w) => w.user_id));
  const mail = new Set(watchers.filter((w) => Number(w.email) === 1).map((w) => w.user_id));
  if (e.kind === "approval.requested" && e.taskId) for (const id of await approversOf(db, e.taskId)) users.add(id);
  if (actorId && OWN_DOING.has(e.kind)) {
    users.delete(actorId);
    mail.delete(actorId);
  }
  return { users: [...users], mail: [...mail] };
}

async function lease(db: Db, id: string, now: number): Promise<boolean> {
  const nowIso = new Date(now).toISOString();
  const r = await db
    .updateTable("outbox")
    .set({ lease_until: new Date(now + LEASE_MS).toISOString(), lease_owner: OWNER })
    .where("id", "=", id)
    .where("routed_at", "is", null)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", nowIso)]))
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

async function routeOne(db: Db, row: OutboxRow, subs: Subscription[], now: number, mailWatchers: boolean): Promise<number> {
  if (!(await lease(db, row.id, now))) return 0;
  const e = JSON.parse(row.payload) as NotifyEvent;
  const named = [...new Set(subs.flatMap((s) => (s.scope.kind === "teams" ? s.scope.teams : [])))];
  const teams = e.taskId ? await teamsOnTask(db, named, e.taskId) : new Set<string>();
  const channels = [...new Set(subs.filter((s) => s.events.has(e.kind) && scopeCovers(s.scope, e.taskId, teams)).map((s) => s.channelId))];
  const actor = await db.selectFrom("ledger").select("actor_id").where("id", "=", row.ledger_id).executeTakeFirst();
  const { users, mail } = await inboxUsers(db, e, actor?.actor_id ?? null);
  const nowIso = new Date(now).toISOString();
  const delivery = (to: { channel_id: string } | { user_id: string }) => ({
    id: randomUUID(),
    event_id: row.id,
    ...to,
    state: "pending" as const,
    attempts: 0,
    next_at: nowIso,
    created_at: nowIso,
  });
  const deliveries = [...channels.map((id) => delivery({ channel_id: id })), ...(mailWatchers ? mail.map((id) => delivery({ user_id: id })) : [])];
  await db.transaction().execute(async (tx) => {
    if (deliveries.length > 0)
      await tx
        .insertInto("notify_deliveries")
        .values(deliveries)
        .onConflict((oc) => oc.doNothing())
        .execute();
    if (users.length > 0) {
      await tx
        .insertInto("inbox")
        .values(users.map((userId) => ({ id: randomUUID(), user_id: userId, event_id: row.id, kind: row.kind, at: row.at, payload: row.payload })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    await tx.updateTable("outbox").set({ routed_at: nowIso, lease_until: null, lease_owner: null }).where("id", "=", row.id).execute();
  });
  return deliveries.length;
}

/**
 * One pass over the events not routed yet, oldest first. Answers how many deliveries it created. `mailWatchers`:
 * the console can send e-mail (SMTP_URL), so watchers who asked for it get theirs.
 */
export async function routeOnce(db: Db, opts: { mailWatchers: boolean }, now = Date.now()): Promise<number> {
  const nowIso = new Date(now).toISOString();
  const rows = await db
    .selectFrom("outbox")
    .selectAll()
    .where("routed_at", "is", null)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", nowIso)]))
    .orderBy("at")
    .limit(PER_PASS)
    .execute();
  if (rows.length === 0) return 0;
  const subs = await subscriptions(db);
  let created = 0;
  for (const row of rows) created += await routeOne(db, row, subs, now, opts.mailWatchers);
  return created;
}
