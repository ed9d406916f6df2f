import "server-only";
/**
 * 0010 — two partial indexes for the audit page's count (up to 10,000, lib/server/ledger/query.ts) on a ledger of
 * millions of rows (bench step 6), where 0009's (column, at, id) indexes serve the page but not its count:
 * - the attempts of a task, `(task_id, at, id) WHERE correlation IS NULL`: a reader who sees some apps has every
 *   query restricted to their tasks, and 0009's task index holds the answers too, so the attempts among them could
 *   only be told by reading each row (PostgreSQL scanned the table instead). PostgreSQL now counts from the index
 *   alone; SQLite reads the attempts only;
 * - the answers other than `started`, by outcome and time: `(phase, at, correlation) WHERE correlation IS NOT NULL
 *   AND phase <> 'started'`. Most attempts end started; each other outcome ends a few percent of them, so "outcome
 *   failed" is counted from its answers since the range's start, each attempt then looked up by id, instead of from
 *   every attempt the other filters allow (a month of starts, a busy user's). `started` answers — the bulk of the
 *   answers and of the writes — are left out: that count starts from the attempts (0009's indexes), and PostgreSQL
 *   would otherwise hash every started answer for it.
 * SQLite's statistics for both are written as 0009 wrote its own: the shape of a large ledger, whatever its size
 * today. Landed: never edit; add a new file instead.
 */
import { type Kysely, sql } from "kysely";
import { isPostgres } from "./ledger-checks";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * sqlite_stat1 rows, as 0009's for a ledger of a million rows: half of them attempts, a task's a few thousand; a
 * tenth answers other than started, some twenty thousand per outcome.
 */
const SQLITE_STATS: Record<string, string> = {
  ledger_heads_task_at_idx: "500000 1500 1 1",
  ledger_answers_phase_at_idx: "100000 20000 1 1",
};

export async function up(db: AnyDb): Promise<void> {
  await db.schema.createIndex("ledger_heads_task_at_idx").on("ledger").columns(["task_id", "at", "id"]).where(sql.ref("correlation"), "is", null).execute();
  await db.schema
    .createIndex("ledger_answers_phase_at_idx")
    .on("ledger")
    .columns(["phase", "at", "correlation"])
    .where((eb) => eb.and([eb(sql.ref("correlation"), "is not", null), eb(sql.ref("phase"), "<>", sql.lit("started"))]))
    .execute();
  if (isPostgres(db)) return;
  // As in 0009: ANALYZE of the schema table makes sqlite_stat1 if missing and, after the rows, reloads the statistics.
  await sql`ANALYZE sqlite_schema`.execute(db);
  for (const [idx, stat] of Object.entries(SQLITE_STATS)) {
    await sql`DELETE FROM sqlite_stat1 WHERE tbl = 'ledger' AND idx = ${idx}`.execute(db);
    await sql`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('ledger', ${idx}, ${stat})`.execute(db);
  }
  await sql`ANALYZE sqlite_schema`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  for (const idx of Object.keys(SQLITE_STATS)) await db.schema.dropIndex(idx).execute();
  if (isPostgres(db)) return;
  for (const idx of Object.keys(SQLITE_STATS)) await sql`DELETE FROM sqlite_stat1 WHERE tbl = 'ledger' AND idx = ${idx}`.execute(db);
  await sql`ANALYZE sqlite_schema`.execute(db);
}
