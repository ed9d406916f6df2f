import "server-only";
/** The process-wide database handle (SQLite by default, PostgreSQL by DATABASE_URL). */
import type { Kysely } from "kysely";
import { env } from "../env";
import { openDatabase } from "./connect";
import type { Database } from "./schema";

// Kept on globalThis so `next dev` module reloads reuse one connection pool instead of leaking one per edit.
const holder = globalThis as typeof globalThis & { __codeartsConsoleDb?: Kysely<Database> };

export function db(): Kysely<Database> {
  holder.__codeartsConsoleDb ??= openDatabase(env().database);
  return holder.__codeartsConsoleDb;
}

export type { Database };
