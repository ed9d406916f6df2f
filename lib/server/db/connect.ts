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
 * A schema change (CREATE, ALTER, DROP: the migrations) empties the cache, so no statement outlives the columns it
 * was prepared for.
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
  const prepared = new Map<string, ReturnType<typeof shaped>>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      if (/^\s*(create|alter|drop)\b/i.test(sql)) prepared.clear();
      let stmt = prepared.get(sql);
      if (!stmt) {
        stmt = shaped(sqlite.prepare(sql));
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

/**
 * A statement whose rows are read as arrays and made into objects here, with the column names read once: half the
 * time better-sqlite3 takes to build each row object itself (a ledger row has 31 columns; the CSV export reads a
 * million). The same objects: one property per column name, in column order, a later duplicate name winning.
 */
function shaped(stmt: SqliteDatabase.Statement) {
  if (!stmt.reader) return stmt;
  stmt.raw(true);
  let names = stmt.columns().map((c) => c.name);
  const toObject = (values: unknown[]) => {
    if (values.length !== names.length) names = stmt.columns().map((c) => c.name);
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) row[names[i] as string] = values[i];
    return row;
  };
  return {
    reader: true,
    all: (parameters: ReadonlyArray<unknown>) => (stmt.all(parameters) as unknown[][]).map(toObject),
    run: (parameters: ReadonlyArray<unknown>) => stmt.run(parameters),
    *iterate(parameters: ReadonlyArray<unknown>) {
      for (const values of stmt.iterate(parameters) as IterableIterator<unknown[]>) yield toObject(values);
    },
  };
}
