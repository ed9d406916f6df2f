import "server-only";
/**
 * 0007 — two-person approval:
 * - `approval_apps`: the apps (by task id) whose starts need an approved request (an admin setting, like
 *   protected apps).
 * - `approval_requests`: one row per request. `body` is the canonical request as JSON (parameters with `encrypt`
 *   values as `hmac:` fingerprints, never in clear; the kept secrets; record_id; trigger_source) and `fingerprint`
 *   the keyed HMAC over it. `state` moves pending → approved | rejected, approved → executing → executed (or back to
 *   approved when the start definitely failed); `expired` is computed from `expires_at` for pending and approved
 *   rows (the check admits it so a sweep may store it one day). The claim `approved → executing` is one conditional
 *   UPDATE: exactly one execution wins, on any replica.
 * Landed: never change what it does; add a new file instead.
 */
import { type Kysely, sql } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("approval_apps")
    .addColumn("task_id", "varchar(64)", (c) => c.primaryKey())
    .addColumn("app_id", "varchar(64)", (c) => c.notNull())
    .addColumn("app_name", "varchar(255)", (c) => c.notNull())
    .addColumn("set_by", "varchar(320)", (c) => c.notNull())
    .addColumn("set_at", "varchar(32)", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("approval_requests")
    .addColumn("id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("task_id", "varchar(64)", (c) => c.notNull())
    .addColumn("app_name", "varchar(255)")
    .addColumn("requester_id", "varchar(36)", (c) => c.notNull())
    .addColumn("requester_email", "varchar(320)")
    .addColumn("requester_name", "varchar(200)")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("fingerprint", "varchar(128)", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("state", "varchar(16)", (c) => c.notNull().check(sql`state in ('pending', 'approved', 'rejected', 'executing', 'executed', 'expired')`))
    .addColumn("decided_by", "varchar(36)")
    .addColumn("decided_by_email", "varchar(320)")
    .addColumn("decided_by_name", "varchar(200)")
    .addColumn("decided_at", "varchar(32)")
    .addColumn("comment", "text")
    .addColumn("expires_at", "varchar(32)", (c) => c.notNull())
    .addColumn("executed_record_id", "varchar(64)")
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("approval_requests_state").on("approval_requests").column("state").execute();
  await db.schema.createIndex("approval_requests_task_id").on("approval_requests").column("task_id").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("approval_requests").execute();
  await db.schema.dropTable("approval_apps").execute();
}
