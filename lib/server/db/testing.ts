/**
 * Test databases for both dialects: a temporary SQLite file always, and a fresh PostgreSQL database (created and
 * dropped per suite) when TEST_DATABASE_URL is set — `npm test` starts a throwaway PostgreSQL and sets it.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely, LogConfig } from "kysely";
import pg from "pg";
import { openDatabase } from "./connect";
import type { Database } from "./schema";

export type Dialect = "sqlite" | "postgres";

// Test configuration, not console configuration: the one place outside env.ts that reads the environment.
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;
export const DIALECTS: Dialect[] = TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];

export interface TestDb {
  dialect: Dialect;
  db: Kysely<Database>;
  close(): Promise<void>;
}

export async function openTestDb(dialect: Dialect, log?: LogConfig): Promise<TestDb> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "console-db-test-"));
    const db = openDatabase({ kind: "sqlite", file: join(dir, "test.sqlite") }, log);
    return { dialect, db, close: async () => (await db.destroy(), rmSync(dir, { recursive: true, force: true })) };
  }
  if (!TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL is not set");
  const name = `console_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const db = openDatabase({ kind: "postgres", url: url.toString() }, log);
  return {
    dialect,
    db,
    close: async () => {
      await db.destroy();
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
