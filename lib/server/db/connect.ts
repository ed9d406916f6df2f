import "server-only";
/**
 * Opens the console database: better-sqlite3 (WAL, synchronous FULL, busy timeout, foreign keys) or a pg Pool. The
 * one place that knows the dialects apart; everything above speaks Kysely.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, type LogConfig, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { DatabaseConfig } from "../env-schema";
import type { Database } from "./schema";

/** `log`: Kysely's query log (tests count the statements and commits of one request with it). */
export function openDatabase(config: DatabaseConfig, log?: LogConfig): Kysely<Database> {
  if (config.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: config.url, max: 10, idleTimeoutMillis: 30_000 });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on("error", () => {});
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  }
  mkdirSync(dirname(config.file), { recursive: true });
  const sqlite = new SqliteDatabase(config.file);
  sqlite.pragma("journal_mode = WAL");
  // The ledger is written before the cloud is called: a committed row must survive a power loss, not only a crash
  // of the process (WAL's default, NORMAL, may lose the last commits). PostgreSQL keeps synchronous_commit on.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), log });
}

/** Distinct SQL texts kept prepared (the console issues a few dozen; the bound only guards against surprises). */
const STATEMENTS_KEPT = 256;

/**
 * Kysely asks better-sqlite3 to prepare every query anew, which costs more CPU than running these small queries.
 * The statements are reused per SQL text instead: they hold no state between runs, and Kysely runs one query at a
 * time on this single connection (a stream keeps the connection until it ends), so a statement is never busy twice.
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
  const prepared = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = prepared.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        if (prepared.size >= STATEMENTS_KEPT) {
          const oldest = prepared.keys().next().value;
          if (oldest !== undefined) prepared.delete(oldest);
        }
        prepared.set(sql, stmt);
      }
      return stmt;
    },
  };
}
