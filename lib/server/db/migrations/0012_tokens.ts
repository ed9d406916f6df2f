import "server-only";
/**
 * 0012 — API tokens (issue 20): personal access tokens and service accounts' tokens, stored as SHA-256 hashes of the
 * secret (shown once, never stored); users gain `kind` (human, or service: a non-human account with team grants, no
 * password and no sign-in); ledger rows name the token a request came with, and gain action `token` (a token created
 * or revoked, phase `recorded`). Landed: never change what it does; add a new file instead.
 */
import type { Kysely } from "kysely";
import { changeLedgerChecks } from "./ledger-checks";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const OLD_ACTIONS = ["start", "rollback", "stop", "denied", "lock", "unlock", "break_lock", "freeze", "approval_request", "approve", "reject", "notify"];
const ACTIONS = [...OLD_ACTIONS, "token"];
const PHASES = ["requested", "started", "refused", "failed", "in_doubt", "not_started", "stopped", "denied", "recorded", "finished"];

const id = "varchar(36)";
const time = "varchar(32)";

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("kind", "varchar(16)", (c) => c.notNull().defaultTo("human"))
    .execute();
  await db.schema
    .createTable("api_tokens")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("user_id", id, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    // Hex SHA-256 of the whole secret; the prefix (first characters) is what lists show.
    .addColumn("hash", "varchar(64)", (c) => c.notNull().unique())
    .addColumn("prefix", "varchar(16)", (c) => c.notNull())
    .addColumn("role", "varchar(16)", (c) => c.notNull())
    // JSON array of { taskId, appId, appName }; null = every app the owner may reach.
    .addColumn("apps", "text")
    .addColumn("reads_per_minute", "integer", (c) => c.notNull())
    .addColumn("starts_per_minute", "integer", (c) => c.notNull())
    .addColumn("created_by", id, (c) => c.notNull())
    .addColumn("created_at", time, (c) => c.notNull())
    .addColumn("expires_at", time, (c) => c.notNull())
    .addColumn("last_used_at", time)
    .addColumn("revoked_at", time)
    .addColumn("revoked_by", "varchar(320)")
    .execute();
  await db.schema.createIndex("api_tokens_user_idx").on("api_tokens").column("user_id").execute();
  await db.schema.alterTable("ledger").addColumn("token_id", id).execute();
  await db.schema.alterTable("ledger").addColumn("token_name", "varchar(100)").execute();
  await changeLedgerChecks(db, "0012", { actions: OLD_ACTIONS, phases: PHASES }, { actions: ACTIONS, phases: PHASES });
}

export async function down(db: AnyDb): Promise<void> {
  await changeLedgerChecks(db, "0012", { actions: ACTIONS, phases: PHASES }, { actions: OLD_ACTIONS, phases: PHASES });
  await db.schema.alterTable("ledger").dropColumn("token_name").execute();
  await db.schema.alterTable("ledger").dropColumn("token_id").execute();
  await db.schema.dropTable("api_tokens").execute();
  await db.schema.alterTable("users").dropColumn("kind").execute();
}
