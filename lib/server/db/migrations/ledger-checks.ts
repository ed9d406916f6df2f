import "server-only";
/**
 * Widening (or narrowing back) the ledger's action and phase checks, for the migrations that add ledger events.
 * PostgreSQL swaps the two check constraints; SQLite cannot alter a check, so the table is rebuilt (the documented
 * create-copy-drop-rename), with its indexes and append-only triggers recreated from their own definitions.
 * Migrations call it with the lists as they were and as they become — literal lists, never the current ones from
 * lib/schemas, so a landed migration keeps doing what it did.
 * A rebuild drops the ledger's sqlite_stat1 rows with the old table: it reads them first and writes them again
 * (0009's statistics keep SQLite's plans those of a large ledger).
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export interface LedgerChecks {
  actions: string[];
  phases: string[];
}

const list = (values: string[]) => values.map((v) => `'${v}'`).join(", ");

export const isPostgres = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

async function swapPostgres(db: AnyDb, to: LedgerChecks): Promise<void> {
  await sql`ALTER TABLE ledger DROP CONSTRAINT IF EXISTS ledger_action_check`.execute(db);
  await sql`ALTER TABLE ledger DROP CONSTRAINT IF EXISTS ledger_phase_check`.execute(db);
  await sql.raw(`ALTER TABLE ledger ADD CONSTRAINT ledger_action_check CHECK (action IN (${list(to.actions)}))`).execute(db);
  await sql.raw(`ALTER TABLE ledger ADD CONSTRAINT ledger_phase_check CHECK (phase IN (${list(to.phases)}))`).execute(db);
}

async function rebuildSqlite(db: AnyDb, migration: string, from: LedgerChecks, to: LedgerChecks): Promise<void> {
  const objects = await sql<{ type: string; name: string; sql: string | null }>`
    select type, name, sql from sqlite_master where tbl_name = 'ledger' order by type = 'table' desc`.execute(db);
  const table = objects.rows.find((o) => o.type === "table")?.sql;
  if (!table) throw new Error(`${migration}: the ledger table has no definition`);
  const replace = (text: string, before: string[], after: string[]) => {
    const old = list(before);
    if (!text.includes(old)) throw new Error(`${migration}: the ledger's check (${old}) was not found`);
    return text.replace(old, list(after));
  };
  const widened = replace(replace(table, from.actions, to.actions), from.phases, to.phases).replace(/^CREATE TABLE\s+"?ledger"?/i, 'CREATE TABLE "ledger_new"');
  const others = objects.rows.filter((o) => o.type !== "table" && o.sql);
  // The planner's statistics of the ledger's indexes (0009, 0010) go with the old table: kept, and put back below.
  const hasStats = (await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(db)).rows[0]?.n;
  const stats = hasStats ? (await sql<{ idx: string | null; stat: string }>`select idx, stat from sqlite_stat1 where tbl = 'ledger'`.execute(db)).rows : [];
  await sql.raw(widened).execute(db);
  await sql`INSERT INTO ledger_new SELECT * FROM ledger`.execute(db);
  // DROP TABLE drops the table's triggers before its implicit delete, so the append-only triggers do not fire.
  await sql`DROP TABLE ledger`.execute(db);
  await sql`ALTER TABLE ledger_new RENAME TO ledger`.execute(db);
  for (const o of others) await sql.raw(o.sql!).execute(db);
  if (stats.length === 0) return;
  await sql`DELETE FROM sqlite_stat1 WHERE tbl = 'ledger'`.execute(db);
  for (const r of stats) await sql`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('ledger', ${r.idx}, ${r.stat})`.execute(db);
  await sql`ANALYZE sqlite_schema`.execute(db);
}

/** Replaces the ledger's checks `from` with `to` (`migration` names the caller in errors). */
export async function changeLedgerChecks(db: AnyDb, migration: string, from: LedgerChecks, to: LedgerChecks): Promise<void> {
  if (isPostgres(db)) await swapPostgres(db, to);
  else await rebuildSqlite(db, migration, from, to);
}
