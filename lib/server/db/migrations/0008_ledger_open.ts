import "server-only";
/**
 * 0008 — `ledger_open`: the `requested` ledger rows that may still lack their final outcome, so the reconciler's
 * pass reads those instead of every `requested` row the ledger has ever had (a scan that grew with the ledger).
 * The write-ahead inserts the row's id in the same transaction as the row; the reconciler's pass drops ids whose
 * outcome has been written (by the request's own handler or by a reconciler). Backfilled with today's open rows.
 * Landed: never edit; add a new file instead.
 */
import { type Kysely, sql } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("ledger_open")
    .addColumn("ledger_id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("at", "varchar(32)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("ledger_open_at").on("ledger_open").column("at").execute();
  await sql`INSERT INTO ledger_open (ledger_id, at)
    SELECT r.id, r.at FROM ledger r
    WHERE r.phase = 'requested'
      AND NOT EXISTS (SELECT 1 FROM ledger o WHERE o.correlation = r.id AND o.phase <> 'in_doubt')`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("ledger_open").execute();
}
