import "server-only";
/**
 * 0006 — change control:
 * - `freeze_windows`: the admins' freeze windows (schedule and scope as JSON, checked by lib/schemas/freeze-windows.ts
 *   on the way in; the occurrences are computed, never stored).
 * - `ledger.override_window`: on a start or rollback an admin let through freeze windows, the windows as they were
 *   then (JSON [{ id, name, until }]); the override's reason is the row's `reason`.
 * - `ledger.approval_id`: the approval request a row belongs to (its request, decisions and execution).
 * - The ledger's checks widen to the events of both: `freeze` (an admin created, changed or deleted a window) and
 *   `approval_request` / `approve` / `reject`, all phase `recorded`; executing an approval is a start or rollback.
 * Landed: never change what it does; add a new file instead.
 */
import type { Kysely } from "kysely";
import { changeLedgerChecks } from "./ledger-checks";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const OLD_ACTIONS = ["start", "rollback", "stop", "denied", "lock", "unlock", "break_lock"];
const ACTIONS = [...OLD_ACTIONS, "freeze", "approval_request", "approve", "reject"];
const PHASES = ["requested", "started", "refused", "failed", "in_doubt", "not_started", "stopped", "denied", "recorded"];

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("freeze_windows")
    .addColumn("id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("time_zone", "varchar(64)", (c) => c.notNull())
    .addColumn("schedule", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    // 1 / 0 in both dialects (SQLite has no boolean).
    .addColumn("rollbacks_allowed", "integer", (c) => c.notNull())
    .addColumn("created_by", "varchar(320)", (c) => c.notNull())
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .addColumn("updated_by", "varchar(320)")
    .addColumn("updated_at", "varchar(32)")
    .execute();
  await db.schema.alterTable("ledger").addColumn("override_window", "text").execute();
  await db.schema.alterTable("ledger").addColumn("approval_id", "varchar(36)").execute();
  await changeLedgerChecks(db, "0006", { actions: OLD_ACTIONS, phases: PHASES }, { actions: ACTIONS, phases: PHASES });
  await db.schema.createIndex("ledger_approval_id").on("ledger").column("approval_id").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("ledger_approval_id").execute();
  await changeLedgerChecks(db, "0006", { actions: ACTIONS, phases: PHASES }, { actions: OLD_ACTIONS, phases: PHASES });
  await db.schema.alterTable("ledger").dropColumn("approval_id").execute();
  await db.schema.alterTable("ledger").dropColumn("override_window").execute();
  await db.schema.dropTable("freeze_windows").execute();
}
