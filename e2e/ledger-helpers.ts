/**
 * Helpers of the deploy-ledger specs: more console processes on other ports (same database, same simulator, same
 * secrets — "replicas behind one address"), killed with SIGKILL when a test needs a crash, and ledger lookups.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import pg from "pg";
import { CONSOLE_ENV, E2E_DATABASE_URL } from "../playwright.config";
import { type E2ERole, USERS } from "./users";

export interface ConsoleProcess {
  url: string;
  /** SIGKILL to the whole process group. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
  output(): string;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

/**
 * A production console (scripts/server.mjs on the existing build) on `port`; resolves once /api/health answers.
 * `from`: another tree and entry script, e.g. the standalone tree's scripts/standalone-server.mjs (e2e/scale-out.spec.ts).
 */
export async function startConsole(port: number, env: Record<string, string> = {}, from: { cwd?: string; script?: string } = {}): Promise<ConsoleProcess> {
  const child = spawn(process.execPath, [from.script ?? "scripts/server.mjs"], {
    env: { ...process.env, ...CONSOLE_ENV, NEXTAUTH_URL: `http://localhost:${port}`, PORT: String(port), ...env },
    cwd: from.cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const signal = async (sig: NodeJS.Signals) => {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, sig);
      } catch {
        /* already gone */
      }
    }
    await exited(child);
  };
  const url = `http://localhost:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`console on ${port} exited (${child.exitCode}):\n${out}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) {
      await signal("SIGKILL");
      throw new Error(`console on ${port} did not come up:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, kill9: () => signal("SIGKILL"), stop: () => signal("SIGTERM"), output: () => out };
}

/** Polls `probe` every 500 ms until `done` says yes, for at most `ms`; answers the last value either way. */
export async function eventually<T>(_what: string, ms: number, probe: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (done(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The session cookie of an e2e role, as a Cookie header. */
export function cookieOf(role: E2ERole): string {
  const state = JSON.parse(readFileSync(USERS[role].state, "utf8")) as { cookies: { name: string; value: string }[] };
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

export interface Answer {
  status: number;
  text: string;
  replayed: boolean;
}

/**
 * Sends POSTs all at once with Node's fetch (no connection pool limit, so they really arrive together — the
 * Playwright request context queues part of a large burst) and collects status, body and the replay header.
 */
export function postAll(urls: string[], role: E2ERole, body: unknown, key: (i: number) => string | null): Promise<Answer[]> {
  const cookie = cookieOf(role);
  return Promise.all(
    urls.map(async (url, i) => {
      const k = key(i);
      const r = await fetch(url, {
        method: "POST",
        headers: { cookie, "content-type": "application/json", ...(k ? { "idempotency-key": k } : {}) },
        body: JSON.stringify(body),
      });
      return { status: r.status, text: await r.text(), replayed: r.headers.get("idempotent-replayed") === "true" };
    }),
  );
}

export interface Entry {
  id: string;
  at: string;
  action: string;
  phase: string;
  taskId: string | null;
  recordId: string | null;
  correlation: string | null;
  idempotencyKey: string | null;
  resolution: string | null;
  status: number | null;
  errorCode: string | null;
  actor: { id: string | null; email: string | null };
  clientAddress: string | null;
  params: { key: string; type: string; value: string }[] | null;
  /** The console request (X-Request-Id) that wrote the row. */
  requestId: string | null;
}

/** Every ledger row of a task since `from` (ISO), through GET /api/audit (bounded paging). */
export async function ledgerOf(request: APIRequestContext, base: string, taskId: string, from: string): Promise<Entry[]> {
  const out: Entry[] = [];
  for (let page = 1; page <= 20; page++) {
    const r = await request.get(`${base}/api/audit`, { params: { task: taskId, from, size: "200", page: String(page) } });
    if (!r.ok()) throw new Error(`GET /api/audit: ${r.status()} ${await r.text()}`);
    const body = (await r.json()) as { items: Entry[]; total: number };
    out.push(...body.items);
    if (out.length >= body.total || body.items.length === 0) break;
  }
  return out;
}

/** Requested rows without a final outcome. */
export const openRows = (rows: Entry[]) => rows.filter((r) => r.phase === "requested" && r.resolution !== "closed");

/** Looks for `needle` in the console database: the SQLite file (and its WAL) byte by byte, or every PostgreSQL ledger table as text. */
export async function databaseContains(needle: string): Promise<boolean> {
  if (E2E_DATABASE_URL.startsWith("file:")) {
    const { existsSync } = await import("node:fs");
    const file = E2E_DATABASE_URL.slice("file:".length);
    return [file, `${file}-wal`].some((f) => existsSync(f) && readFileSync(f).includes(Buffer.from(needle)));
  }
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    for (const table of ["ledger", "idempotency_keys", "deploy_inflight", "task_names"]) {
      const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} t WHERE t::text LIKE $1`, [`%${needle}%`]);
      if (Number(r.rows[0]?.n) > 0) return true;
    }
    return false;
  } finally {
    await client.end();
  }
}

/** One statement on the console database (either dialect; `?` placeholders): for what only time would do, e.g. a token's expiry. */
export async function runSql(statement: string, params: (string | number)[]): Promise<void> {
  if (E2E_DATABASE_URL.startsWith("file:")) {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(E2E_DATABASE_URL.slice("file:".length));
    try {
      db.prepare(statement).run(...params);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    let i = 0;
    await client.query(
      statement.replace(/\?/g, () => `$${++i}`),
      params,
    );
  } finally {
    await client.end();
  }
}

export const isPostgres = () => /^postgres(ql)?:\/\//.test(E2E_DATABASE_URL);
