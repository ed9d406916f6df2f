import "server-only";
/**
 * 0005 — deploy locks: one row per locked task (an expired row is no lock; the next lock replaces it). The
 * ledger's action and phase checks widen to the lock events: actions lock / unlock / break_lock, phase `recorded`
 * (an event that has no outcome to wait for). PostgreSQL swaps the two check constraints; SQLite cannot alter a
 * check, so the table is rebuilt (the documented create-copy-drop-rename), with its indexes and append-only
 * triggers recreated from their own definitions. Landed: never edit; add a new file instead.
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const OLD_ACTIONS = ["start", "rollback", "stop", "denied"];
const ACTIONS = [...OLD_ACTIONS, "lock", "unlock", "break_lock"];
const OLD_PHASES = ["requested", "started", "refused", "failed", "in_doubt", "not_started", "stopped", "denied"];
const PHASES = [...OLD_PHASES, "recorded"];

const list = (values: string[]) => values.map((v) => `'${v}'`).join(", ");

const isPostgres = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

async function widenPostgres(db: AnyDb, actions: string[], phases: string[]): Promise<void> {
  await sql`ALTER TABLE ledger DROP CONSTRAINT IF EXISTS ledger_action_check`.execute(db);
  await sql`ALTER TABLE ledger DROP CONSTRAINT IF EXISTS ledger_phase_check`.execute(db);
  await sql.raw(`ALTER TABLE ledger ADD CONSTRAINT ledger_action_check CHECK (action IN (${list(actions)}))`).execute(db);
  await sql.raw(`ALTER TABLE ledger ADD CONSTRAINT ledger_phase_check CHECK (phase IN (${list(phases)}))`).execute(db);
}

async function rebuildSqlite(db: AnyDb, from: { actions: string[]; phases: string[] }, to: { actions: string[]; phases: string[] }): Promise<void> {
  const objects = await sql<{ type: string; name: string; sql: string | null }>`
    select type, name, sql from sqlite_master where tbl_name = 'ledger' order by type = 'table' desc`.execute(db);
  const table = objects.rows.find((o) => o.type === "table")?.sql;
  if (!table) throw new Error("0005: the ledger table has no definition");
  const replace = (text: string, before: string[], after: string[]) => {
    const old = list(before);
    if (!text.includes(old)) throw new Error(`0005: the ledger's check (${old}) was not found`);
    return text.replace(old, list(after));
  };
  const widened = replace(replace(table, from.actions, to.actions), from.phases, to.phases).replace(/^CREATE TABLE\s+"?ledger"?/i, 'CREATE TABLE "ledger_new"');
  const others = objects.rows.filter((o) => o.type !== "table" && o.sql);
  await sql.raw(widened).execute(db);
  await sql`INSERT INTO ledger_new SELECT * FROM ledger`.execute(db);
  // DROP TABLE drops the table's triggers before its implicit delete, so the append-only triggers do not fire.
  await sql`DROP TABLE ledger`.execute(db);
  await sql`ALTER TABLE ledger_new RENAME TO ledger`.execute(db);
  for (const o of others) await sql.raw(o.sql!).execute(db);
}

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("deploy_locks")
    .addColumn("task_id", "varchar(64)", (c) => c.primaryKey())
    .addColumn("owner_id", "varchar(36)", (c) => c.notNull())
    .addColumn("owner_name", "varchar(200)")
    .addColumn("owner_email", "varchar(320)")
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("since", "varchar(32)", (c) => c.notNull())
    .addColumn("until", "varchar(32)", (c) => c.notNull())
    .execute();
  if (isPostgres(db)) await widenPostgres(db, ACTIONS, PHASES);
  else await rebuildSqlite(db, { actions: OLD_ACTIONS, phases: OLD_PHASES }, { actions: ACTIONS, phases: PHASES });
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("deploy_locks").execute();
  if (isPostgres(db)) await widenPostgres(db, OLD_ACTIONS, OLD_PHASES);
  else await rebuildSqlite(db, { actions: ACTIONS, phases: PHASES }, { actions: OLD_ACTIONS, phases: OLD_PHASES });
}
