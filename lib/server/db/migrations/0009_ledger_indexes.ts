import "server-only";
/**
 * 0009 — indexes for a ledger of millions of rows (the audit page, its filters and the CSV export; bench step 6).
 * Every filter of the audit page is an equality or IN on a column indexed as (column, at, id): a page is then read
 * in the index's own order and stops after its rows, on SQLite (whose "IN … ORDER BY … LIMIT" reads each value's
 * newest rows only when the whole sort key is in the index) and on PostgreSQL. The attempts (the rows that open
 * one: correlation null) get a partial index of their own; the answers' lookup by correlation becomes partial
 * (correlation not null, with the phase, for "an answer with this phase exists") so that SQLite never reads the
 * attempts through it and sorts half the ledger. The task and actor indexes gain (at, id) in place of the old ones.
 *
 * SQLite plans without statistics, and the console never runs ANALYZE: its guesses picked the phase index for the
 * picker's "last start" and for the answers' lookup as soon as it existed. The ledger's statistics are therefore
 * written here, once, as the shape of a large ledger (sqlite_stat1: rows, and rows per value of each index
 * prefix), whatever its size today — the plans are those of a big ledger from the start, and stay put. PostgreSQL
 * keeps its own statistics (autovacuum). Landed: never edit; add a new file instead.
 */
import { type Kysely, sql } from "kysely";
import { isPostgres } from "./ledger-checks";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** New indexes: name → columns (all on the ledger). */
const ORDERED: Record<string, string[]> = {
  ledger_task_at_id_idx: ["task_id", "at", "id"],
  ledger_actor_at_idx: ["actor_id", "at", "id"],
  ledger_action_at_idx: ["action", "at", "id"],
  ledger_phase_at_idx: ["phase", "at", "id"],
  ledger_app_at_idx: ["app_id", "at", "id"],
  ledger_app_name_at_idx: ["app_name", "at", "id"],
  ledger_actor_email_at_idx: ["actor_email", "at", "id"],
  ledger_actor_name_at_idx: ["actor_name", "at", "id"],
};

/**
 * sqlite_stat1 of a ledger of a million rows, half of them attempts: "rows, rows per value of the first column, of
 * the first two …". A record has a row or two; a task or an app a few thousand; a user a few thousand; an action
 * or a phase a hundred thousand.
 */
const N = 1_000_000;
const HALF = N / 2;
const SQLITE_STATS: Record<string, string> = {
  sqlite_autoindex_ledger_1: `${N} 1`,
  ledger_at_idx: `${N} 1 1`,
  ledger_record_idx: `${N} 2`,
  ledger_target_record_idx: `${N} 2`,
  ledger_outcome_once: `${HALF} 1`,
  ledger_approval_id: `${N} 3`,
  ledger_heads_at_idx: `${HALF} 1 1`,
  ledger_correlation_phase_idx: `${HALF} 1 1`,
  ledger_task_at_id_idx: `${N} 3000 1 1`,
  ledger_actor_at_idx: `${N} 5000 1 1`,
  ledger_action_at_idx: `${N} 100000 1 1`,
  ledger_phase_at_idx: `${N} 100000 1 1`,
  ledger_app_at_idx: `${N} 3000 1 1`,
  ledger_app_name_at_idx: `${N} 3000 1 1`,
  ledger_actor_email_at_idx: `${N} 5000 1 1`,
  ledger_actor_name_at_idx: `${N} 5000 1 1`,
};

async function pinSqliteStats(db: AnyDb, stats: Record<string, string>): Promise<void> {
  // ANALYZE of the schema table creates sqlite_stat1 when missing and, after the rows below, reloads the planner's
  // statistics on this connection (other connections reload with the schema change).
  await sql`ANALYZE sqlite_schema`.execute(db);
  await sql`DELETE FROM sqlite_stat1 WHERE tbl = 'ledger'`.execute(db);
  for (const [idx, stat] of Object.entries(stats)) await sql`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('ledger', ${idx}, ${stat})`.execute(db);
  await sql`ANALYZE sqlite_schema`.execute(db);
}

export async function up(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("ledger_task_at_idx").execute();
  await db.schema.dropIndex("ledger_actor_idx").execute();
  await db.schema.dropIndex("ledger_correlation_idx").execute();
  for (const [name, columns] of Object.entries(ORDERED)) await db.schema.createIndex(name).on("ledger").columns(columns).execute();
  await db.schema.createIndex("ledger_heads_at_idx").on("ledger").columns(["at", "id"]).where(sql.ref("correlation"), "is", null).execute();
  await db.schema
    .createIndex("ledger_correlation_phase_idx")
    .on("ledger")
    .columns(["correlation", "phase"])
    .where(sql.ref("correlation"), "is not", null)
    .execute();
  if (!isPostgres(db)) await pinSqliteStats(db, SQLITE_STATS);
}

export async function down(db: AnyDb): Promise<void> {
  for (const name of [...Object.keys(ORDERED), "ledger_heads_at_idx", "ledger_correlation_phase_idx"]) await db.schema.dropIndex(name).execute();
  await db.schema.createIndex("ledger_task_at_idx").on("ledger").columns(["task_id", "at"]).execute();
  await db.schema.createIndex("ledger_actor_idx").on("ledger").column("actor_id").execute();
  await db.schema.createIndex("ledger_correlation_idx").on("ledger").column("correlation").execute();
  if (!isPostgres(db)) {
    await sql`DELETE FROM sqlite_stat1 WHERE tbl = 'ledger'`.execute(db);
    await sql`ANALYZE sqlite_schema`.execute(db);
  }
}
