import "server-only";
/**
 * 0002 — the deploy ledger (append-only), the per-task in-flight marker, idempotency keys and task names.
 * Landed: never edit; add a new file instead. Portable DDL plus one dialect-specific part: the triggers that make
 * the ledger refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) whatever code runs against the database.
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const sqlIn = (column: string, values: string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
const isPostgres = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

const ACTIONS = ["start", "rollback", "stop", "denied"];
const PHASES = ["requested", "started", "refused", "failed", "in_doubt", "not_started", "stopped", "denied"];
const APPEND_ONLY = "the deploy ledger is append-only";

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("ledger")
    .addColumn("id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("at", "varchar(32)", (c) => c.notNull())
    .addColumn("action", "varchar(16)", (c) => c.notNull().check(sqlIn("action", ACTIONS)))
    .addColumn("phase", "varchar(16)", (c) => c.notNull().check(sqlIn("phase", PHASES)))
    .addColumn("attempted", "varchar(16)", (c) => c.check(sqlIn("attempted", ["start", "rollback", "stop"])))
    .addColumn("actor_id", "varchar(36)")
    .addColumn("actor_name", "varchar(200)")
    .addColumn("actor_email", "varchar(320)")
    .addColumn("actor_teams", "text")
    .addColumn("app_id", "varchar(64)")
    .addColumn("app_name", "varchar(255)")
    .addColumn("task_id", "varchar(64)")
    .addColumn("target_record_id", "varchar(64)")
    .addColumn("record_id", "varchar(64)")
    .addColumn("params", "text")
    .addColumn("reason", "text")
    .addColumn("http_status", "integer")
    .addColumn("error_code", "varchar(64)")
    .addColumn("message", "text")
    .addColumn("upstream_error_code", "varchar(64)")
    .addColumn("upstream_request_id", "varchar(128)")
    .addColumn("idempotency_key", "varchar(128)")
    .addColumn("client_address", "varchar(64)")
    .addColumn("user_agent", "varchar(512)")
    .addColumn("correlation", "varchar(36)")
    .addColumn("request_id", "varchar(36)")
    .execute();
  await db.schema.createIndex("ledger_at_idx").on("ledger").columns(["at", "id"]).execute();
  await db.schema.createIndex("ledger_task_at_idx").on("ledger").columns(["task_id", "at"]).execute();
  await db.schema.createIndex("ledger_record_idx").on("ledger").column("record_id").execute();
  await db.schema.createIndex("ledger_target_record_idx").on("ledger").column("target_record_id").execute();
  await db.schema.createIndex("ledger_actor_idx").on("ledger").column("actor_id").execute();
  await db.schema.createIndex("ledger_correlation_idx").on("ledger").column("correlation").execute();
  // One final outcome per requested row: the handler and any number of reconcilers race on this index.
  await db.schema.createIndex("ledger_outcome_once").on("ledger").column("correlation").unique().where(sql.ref("phase"), "<>", "in_doubt").execute();

  if (isPostgres(db)) {
    await sql`CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '${sql.raw(APPEND_ONLY)}: % refused', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`.execute(db);
    await sql`CREATE TRIGGER ledger_no_update_delete BEFORE UPDATE OR DELETE ON ledger
      FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`.execute(db);
    await sql`CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ledger
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()`.execute(db);
  } else {
    await sql`CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
      BEGIN SELECT RAISE(ABORT, '${sql.raw(APPEND_ONLY)}: UPDATE refused'); END`.execute(db);
    await sql`CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
      BEGIN SELECT RAISE(ABORT, '${sql.raw(APPEND_ONLY)}: DELETE refused'); END`.execute(db);
  }

  await db.schema
    .createTable("deploy_inflight")
    .addColumn("task_id", "varchar(64)", (c) => c.primaryKey())
    .addColumn("ledger_id", "varchar(36)", (c) => c.notNull())
    .addColumn("state", "varchar(16)", (c) => c.notNull().check(sqlIn("state", ["requested", "in_doubt", "running"])))
    .addColumn("record_id", "varchar(64)")
    .addColumn("actor_id", "varchar(36)")
    .addColumn("actor_name", "varchar(200)")
    .addColumn("actor_email", "varchar(320)")
    .addColumn("started_at", "varchar(32)", (c) => c.notNull())
    .addColumn("checked_at", "varchar(32)")
    .addColumn("lease_until", "varchar(32)")
    .addColumn("lease_owner", "varchar(64)")
    .execute();

  await db.schema
    .createTable("idempotency_keys")
    .addColumn("key", "varchar(128)", (c) => c.primaryKey())
    .addColumn("request_hash", "varchar(64)", (c) => c.notNull())
    .addColumn("user_id", "varchar(36)", (c) => c.notNull())
    .addColumn("task_id", "varchar(64)", (c) => c.notNull())
    .addColumn("state", "varchar(16)", (c) => c.notNull().check(sqlIn("state", ["pending", "in_doubt", "done"])))
    .addColumn("ledger_id", "varchar(36)")
    .addColumn("response_status", "integer")
    .addColumn("response_body", "text")
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .addColumn("expires_at", "varchar(32)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("idempotency_keys_ledger_idx").on("idempotency_keys").column("ledger_id").execute();
  await db.schema.createIndex("idempotency_keys_expires_idx").on("idempotency_keys").column("expires_at").execute();

  await db.schema
    .createTable("task_names")
    .addColumn("task_id", "varchar(64)", (c) => c.primaryKey())
    .addColumn("app_id", "varchar(64)")
    .addColumn("app_name", "varchar(255)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ["task_names", "idempotency_keys", "deploy_inflight", "ledger"]) await db.schema.dropTable(t).execute();
  if (isPostgres(db)) await sql`DROP FUNCTION IF EXISTS ledger_append_only()`.execute(db);
}
