import "server-only";
/**
 * The console's migrations: a static, ordered list (so the Next.js bundler sees every file), applied with
 * Kysely's Migrator — versioned in kysely_migration, serialised by its lock table (several replicas may start at
 * once), idempotent when called again. Add new files as 0002_…, 0003_…; never edit a landed one.
 */
import { type Kysely, type Migration, Migrator } from "kysely";
import * as m0001 from "./migrations/0001_auth";
import * as m0002 from "./migrations/0002_ledger";
import * as m0003 from "./migrations/0003_user_task_params";
import * as m0004 from "./migrations/0004_record_facts";
import * as m0005 from "./migrations/0005_deploy_locks";
import * as m0006 from "./migrations/0006_change_control";
import * as m0007 from "./migrations/0007_approvals";
import * as m0008 from "./migrations/0008_ledger_open";
import * as m0009 from "./migrations/0009_ledger_indexes";
import * as m0010 from "./migrations/0010_ledger_counts";
import * as m0011 from "./migrations/0011_notifications";
import * as m0012 from "./migrations/0012_tokens";
import type { Database } from "./schema";

const MIGRATIONS: Record<string, Migration> = {
  "0001_auth": m0001,
  "0002_ledger": m0002,
  "0003_user_task_params": m0003,
  "0004_record_facts": m0004,
  "0005_deploy_locks": m0005,
  "0006_change_control": m0006,
  "0007_approvals": m0007,
  "0008_ledger_open": m0008,
  "0009_ledger_indexes": m0009,
  "0010_ledger_counts": m0010,
  "0011_notifications": m0011,
  "0012_tokens": m0012,
};

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new Error(`Database migration ${failed ?? ""} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** The migrations this build knows that the database has not applied (readiness: none may be left). */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } });
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}
