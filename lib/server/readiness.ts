import "server-only";
import { db } from "./db";
import { pendingMigrations } from "./db/migrate";
import { draining } from "./lifecycle";
import { ready } from "./startup";

export type Readiness = { status: "ready" } | { status: "draining" | "not_ready"; reason: string };

/** A probe answers within this, or the database counts as unreachable. */
const PROBE_MS = 3_000;

/** Credentials in a connection string (`postgres://user:password@…`) never leave in a reason. */
const scrub = (text: string) => text.replace(/\/\/[^/@\s]*@/g, "//…@").slice(0, 300);

function within<T>(ms: number, what: Promise<T>): Promise<T> {
  return Promise.race([what, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

export async function readiness(): Promise<Readiness> {
  if (draining()) return { status: "draining", reason: "the process is shutting down" };
  try {
    await within(PROBE_MS, ready());
    // Reads the migration table: the database answers now, and holds everything this build knows.
    const pending = await within(PROBE_MS, pendingMigrations(db()));
    if (pending.length > 0) return { status: "not_ready", reason: `database migrations not applied: ${pending.join(", ")}` };
    return { status: "ready" };
  } catch (err) {
    return { status: "not_ready", reason: `database unavailable: ${scrub(err instanceof Error ? err.message : String(err))}` };
  }
}
