import "server-only";
/**
 * 0005 — deploy locks: one row per locked task (an expired row is no lock; the next lock replaces it). The
 * ledger's action and phase checks widen to the lock events: actions lock / unlock / break_lock, phase `recorded`
 * (an event that has no outcome to wait for), through ./ledger-checks.ts. Landed: never change what it does; add a
 * new file instead.
 */
import type { Kysely } from "kysely";
import { changeLedgerChecks } from "./ledger-checks";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const OLD_ACTIONS = ["start", "rollback", "stop", "denied"];
const ACTIONS = [...OLD_ACTIONS, "lock", "unlock", "break_lock"];
const OLD_PHASES = ["requested", "started", "refused", "failed", "in_doubt", "not_started", "stopped", "denied"];
const PHASES = [...OLD_PHASES, "recorded"];

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
  await changeLedgerChecks(db, "0005", { actions: OLD_ACTIONS, phases: OLD_PHASES }, { actions: ACTIONS, phases: PHASES });
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("deploy_locks").execute();
  await changeLedgerChecks(db, "0005", { actions: ACTIONS, phases: PHASES }, { actions: OLD_ACTIONS, phases: OLD_PHASES });
}
