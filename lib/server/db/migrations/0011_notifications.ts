import "server-only";
/**
 * 0011 — notifications (issue 19): the record watcher's rows, the outbox, channels, subscriptions, deliveries,
 * users' watches and the inbox; the ledger gains phase `finished` (how a record started through the console ended,
 * correlated to its `started` row — the unique outcome index keeps it to one) and its `finish` column, and action
 * `notify` (an admin's change to a channel or subscription, phase `recorded`). Landed:
 * never change what it does; add a new file instead.
 */
import { type Kysely, sql } from "kysely";
import { changeLedgerChecks } from "./ledger-checks";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const OLD_ACTIONS = ["start", "rollback", "stop", "denied", "lock", "unlock", "break_lock", "freeze", "approval_request", "approve", "reject"];
const ACTIONS = [...OLD_ACTIONS, "notify"];
const OLD_PHASES = ["requested", "started", "refused", "failed", "in_doubt", "not_started", "stopped", "denied", "recorded"];
const PHASES = [...OLD_PHASES, "finished"];

const id = "varchar(36)";
const time = "varchar(32)";

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("ledger").addColumn("finish", "text").execute();
  await changeLedgerChecks(db, "0011", { actions: OLD_ACTIONS, phases: OLD_PHASES }, { actions: ACTIONS, phases: PHASES });

  await db.schema
    .createTable("record_watch")
    .addColumn("record_id", "varchar(64)", (c) => c.primaryKey())
    .addColumn("task_id", "varchar(64)", (c) => c.notNull())
    .addColumn("ledger_id", id, (c) => c.notNull())
    .addColumn("started_at", time, (c) => c.notNull())
    .addColumn("next_at", time, (c) => c.notNull())
    .addColumn("checks", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("lease_until", time)
    .addColumn("lease_owner", id)
    .execute();
  await db.schema.createIndex("record_watch_next_idx").on("record_watch").column("next_at").execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("kind", "varchar(40)", (c) => c.notNull())
    .addColumn("at", time, (c) => c.notNull())
    .addColumn("ledger_id", id, (c) => c.notNull())
    .addColumn("task_id", "varchar(64)")
    .addColumn("record_id", "varchar(64)")
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("routed_at", time)
    .addColumn("lease_until", time)
    .addColumn("lease_owner", id)
    .execute();
  // The router's work list: events not fanned out yet (a handful at any time, whatever the outbox's size).
  await db.schema.createIndex("outbox_unrouted_idx").on("outbox").column("at").where(sql.ref("routed_at"), "is", null).execute();
  await db.schema.createIndex("outbox_ledger_idx").on("outbox").column("ledger_id").execute();

  await db.schema
    .createTable("notify_channels")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("kind", "varchar(16)", (c) => c.notNull())
    .addColumn("language", "varchar(8)", (c) => c.notNull())
    .addColumn("config", "text", (c) => c.notNull())
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("has_secret", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "varchar(320)", (c) => c.notNull())
    .addColumn("created_at", time, (c) => c.notNull())
    .addColumn("updated_at", time)
    .execute();

  await db.schema
    .createTable("notify_subscriptions")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("channel_id", id, (c) => c.notNull().references("notify_channels.id").onDelete("cascade"))
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("events", "text", (c) => c.notNull())
    .addColumn("created_by", "varchar(320)", (c) => c.notNull())
    .addColumn("created_at", time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("notify_subscriptions_channel_idx").on("notify_subscriptions").column("channel_id").execute();

  await db.schema
    .createTable("notify_deliveries")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("event_id", id, (c) => c.notNull())
    // To a channel, or to a watcher's e-mail (user_id): exactly one of the two.
    .addColumn("channel_id", id, (c) => c.references("notify_channels.id").onDelete("cascade"))
    .addColumn("user_id", id, (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("state", "varchar(16)", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_at", time)
    .addColumn("lease_until", time)
    .addColumn("lease_owner", id)
    .addColumn("last_at", time)
    .addColumn("last_status", "integer")
    .addColumn("last_answer", "text")
    .addColumn("created_at", time, (c) => c.notNull())
    .addUniqueConstraint("notify_deliveries_once", ["event_id", "channel_id"])
    .addUniqueConstraint("notify_deliveries_once_per_user", ["event_id", "user_id"])
    .addCheckConstraint("notify_deliveries_one_target", sql`(channel_id is null) <> (user_id is null)`)
    .execute();
  await db.schema.createIndex("notify_deliveries_due_idx").on("notify_deliveries").column("next_at").where(sql.ref("state"), "=", sql.lit("pending")).execute();
  await db.schema.createIndex("notify_deliveries_channel_idx").on("notify_deliveries").columns(["channel_id", "created_at"]).execute();

  await db.schema
    .createTable("user_watches")
    .addColumn("user_id", id, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("task_id", "varchar(64)", (c) => c.notNull())
    // '' for the whole app (a primary key column cannot be null in every dialect).
    .addColumn("record_id", "varchar(64)", (c) => c.notNull())
    .addColumn("email", "integer", (c) => c.notNull().defaultTo(0))
    // The language of the watcher's e-mails (the console's language when they started watching).
    .addColumn("language", "varchar(8)", (c) => c.notNull().defaultTo("en"))
    .addColumn("created_at", time, (c) => c.notNull())
    .addPrimaryKeyConstraint("user_watches_pk", ["user_id", "task_id", "record_id"])
    .execute();
  await db.schema.createIndex("user_watches_task_idx").on("user_watches").columns(["task_id", "record_id"]).execute();

  await db.schema
    .createTable("inbox")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("user_id", id, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("event_id", id, (c) => c.notNull())
    .addColumn("kind", "varchar(40)", (c) => c.notNull())
    .addColumn("at", time, (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("read_at", time)
    .addUniqueConstraint("inbox_once", ["user_id", "event_id"])
    .execute();
  await db.schema.createIndex("inbox_user_at_idx").on("inbox").columns(["user_id", "at"]).execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ["inbox", "user_watches", "notify_deliveries", "notify_subscriptions", "notify_channels", "outbox", "record_watch"]) {
    await db.schema.dropTable(t).execute();
  }
  await changeLedgerChecks(db, "0011", { actions: ACTIONS, phases: PHASES }, { actions: OLD_ACTIONS, phases: OLD_PHASES });
  await db.schema.alterTable("ledger").dropColumn("finish").execute();
}
