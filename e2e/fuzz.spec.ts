/**
 * Property-based fuzzing of every console API route's path, query and body (issue 6): over 10,000 generated bad
 * inputs per run must each get a 4xx JSON error — exactly the one the route wrapper owes them — never a 5xx, a
 * redirect or a dropped connection, and none may reach the cloud (counted at the simulator).
 *
 * Speed: the cases go out through Node's fetch with the admin's session cookie, a dozen at a time (Playwright's
 * request context, one at a time, needs ~100 ms a request). Each route is one fast-check property and all run side
 * by side, so a failure still shrinks to a minimal case of its route. Reproduce with FUZZ_SEED=<seed> (printed);
 * FUZZ_SCALE=<n> multiplies the number of cases.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { LedgerPage } from "../lib/schemas/ledger";
import { CONSOLE_URL } from "../playwright.config";
import { type SimulatorAdmin, expect, signInViaApi, test } from "./fixtures";
import { caseArb, unknownRouteArb } from "./fuzz/arbitraries";
import { expectedFor, urlPath } from "./fuzz/oracle";
import { type Expected, type FuzzCase, ROUTES, type RouteDef, UNKNOWN_ROUTE } from "./fuzz/routes";
import { type ConsoleProcess, isPostgres, startConsole } from "./ledger-helpers";
import { PASSWORD, USERS } from "./users";

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const IN_FLIGHT = 12;
const MIN_CASES = 10_000;

/**
 * Operations the deploy ledger's background reconciler may call on its own (lib/server/ledger/reconcile.ts): history
 * and parameters for starts left open or in doubt, deploy status for running in-flight markers; the record watcher
 * asks for deploy status too.
 */
const RECONCILER_OPERATIONS = ["ListDeployTaskHistoryByDate", "ShowExecutionParams", "ShowDeployStatus"];

/** The admin's session (so permissions never stop a case before validation), as a Cookie header. */
function adminCookie(): string {
  const state = JSON.parse(readFileSync(USERS.admin.state, "utf8")) as { cookies: { name: string; value: string; domain: string }[] };
  return state.cookies
    .filter((c) => c.domain === "localhost")
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
}

/** At most `n` promises of `fn` at a time. */
function limiter(n: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    while (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

const streamOf = (bytes: Uint8Array) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024));
      controller.close();
    },
  });

/** A case in one line for failure messages (long texts cut). */
const describeCase = (c: FuzzCase) =>
  `${c.method} ${urlPath(c).slice(0, 300)} as ${c.as}` +
  (c.body
    ? ` type=${JSON.stringify(c.body.type)} body=${JSON.stringify(c.body.text.slice(0, 300))}${c.body.padTo ? ` padded to ${c.body.padTo}` : ""}${c.body.chunked ? " chunked" : ""}`
    : "") +
  (c.idempotencyKey !== undefined ? ` idempotency-key=${JSON.stringify(c.idempotencyKey)}` : "");

function sender(base: string, cookie: string) {
  const slot = limiter(IN_FLIGHT);
  let sent = 0;
  const send = (c: FuzzCase) =>
    slot(async () => {
      sent++;
      const headers: Record<string, string> = { accept: "application/json" };
      if (c.as === "admin") headers.cookie = cookie;
      // A correct Origin, so that state-changing cases reach validation instead of the same-origin 403.
      if (c.method !== "GET") headers.origin = base;
      if (c.idempotencyKey !== undefined) headers["idempotency-key"] = c.idempotencyKey;
      let body: Uint8Array | ReadableStream<Uint8Array> | undefined;
      if (c.body) {
        if (c.body.type !== null) headers["content-type"] = c.body.type;
        const bytes = Buffer.from(c.body.padTo ? c.body.text.padEnd(c.body.padTo, " ") : c.body.text, "utf8");
        body = c.body.chunked ? streamOf(bytes) : bytes;
      }
      const init = { method: c.method, headers, body, redirect: "manual", duplex: "half" } as RequestInit;
      const res = await fetch(`${base}${urlPath(c)}`, init);
      return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
    });
  return { send, count: () => sent };
}

/** Throws (fails the property) unless the answer is exactly the expected 4xx JSON error. */
async function check(send: ReturnType<typeof sender>["send"], c: FuzzCase, want: Expected): Promise<void> {
  let got: Awaited<ReturnType<typeof send>>;
  try {
    got = await send(c);
  } catch (err) {
    throw new Error(`${describeCase(c)} → no answer (${String((err as Error).cause ?? err)})`);
  }
  const problems: string[] = [];
  if (got.status < 400 || got.status > 499) problems.push(`status ${got.status} is not a 4xx`);
  if (got.status !== want.status) problems.push(`status ${got.status}, expected ${want.status}`);
  if (!got.type.includes("application/json")) problems.push(`content-type ${JSON.stringify(got.type)}`);
  let json: unknown = null;
  try {
    json = JSON.parse(got.text);
  } catch {
    problems.push("the body is not JSON");
  }
  const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (error?.code !== want.code) problems.push(`code ${JSON.stringify(error?.code)}, expected ${want.code}`);
  if (typeof error?.message !== "string" || error.message.length === 0) problems.push("no error message");
  if (problems.length > 0) throw new Error(`${describeCase(c)} → ${problems.join("; ")}; body ${got.text.slice(0, 300)}`);
}

/** One property per route; resolves to null or the (shrunk) failure report. */
async function fuzzRoute(send: ReturnType<typeof sender>["send"], route: RouteDef | null, index: number): Promise<string | null> {
  const seed = SEED + index;
  const arb = route ? caseArb(route) : unknownRouteArb();
  const runs = Math.round((route ?? UNKNOWN_ROUTE).runs * SCALE);
  const property = fc.asyncProperty(arb, async (c) => {
    const want = route ? expectedFor(route, c) : ({ status: 404, code: "not_found" } as const);
    if (!want) throw new Error(`generator bug: a valid case ${describeCase(c)}`);
    await check(send, c, want);
  });
  try {
    await fc.assert(property, { seed, numRuns: runs, includeErrorInReport: true });
    return null;
  } catch (err) {
    return `${(route ?? UNKNOWN_ROUTE).label} (FUZZ_SEED=${SEED}, route seed ${seed}):\n${String((err as Error).message).slice(0, 4000)}`;
  }
}

async function getJson<T>(base: string, path: string, cookie: string): Promise<{ status: number; json: T }> {
  const res = await fetch(`${base}${path}`, { headers: { cookie, accept: "application/json" } });
  return { status: res.status, json: (await res.json()) as T };
}

/**
 * Whether the reconciler or the record watcher has anything left to ask the cloud: starts/stops without a final
 * outcome (the ledger says so, database only), records without a `finished` row, or a deployment still held in flight (GET /api/tasks/{id} checks and releases finished ones —
 * upstream calls, made before the baseline is taken).
 */
async function reconcilerBusy(base: string, cookie: string): Promise<string | null> {
  const tasks = new Set<string>();
  let open = 0;
  for (const e of await rowsOf(base, cookie, "requested")) {
    if (e.resolution !== "closed") open++;
    if (e.taskId && e.action !== "stop") tasks.add(e.taskId);
  }
  if (open > 0) return `${open} ledger request(s) without a final outcome`;
  const watched = await unfinishedRecords(base, cookie);
  if (watched > 0) return `${watched} record(s) the record watcher still follows`;
  const held: string[] = [];
  for (const taskId of tasks) {
    const { status, json } = await getJson<{ inFlight: unknown }>(base, `/api/tasks/${taskId}`, cookie);
    if (status === 200 && json.inFlight) held.push(taskId);
  }
  return held.length > 0 ? `deployments in flight on ${held.join(", ")}` : null;
}

/** Rows of one phase, every page. */
async function rowsOf(base: string, cookie: string, phase: string): Promise<LedgerPage["items"]> {
  const rows: LedgerPage["items"] = [];
  for (let page = 1; page <= 50; page++) {
    const { json } = await getJson<LedgerPage>(base, `/api/audit?outcome=${phase}&size=200&page=${page}`, cookie);
    rows.push(...json.items);
    if (page * json.size >= json.total) break;
  }
  return rows;
}

/**
 * Records started through the console that have no `finished` row yet: the record watcher (lib/server/notify/watcher.ts)
 * still asks the cloud about them (ShowDeployStatus) on its own, whether or not the task is still held in flight.
 */
async function unfinishedRecords(base: string, cookie: string): Promise<number> {
  const finished = new Set((await rowsOf(base, cookie, "finished")).map((e) => e.recordId));
  return (await rowsOf(base, cookie, "started")).filter((e) => e.recordId && !finished.has(e.recordId)).length;
}

/** Call counts per operation (every request the simulator matched to an operation, whatever it answered). */
async function upstreamCalls(sim: SimulatorAdmin): Promise<Record<string, number>> {
  const c = (await sim.calls()) as Awaited<ReturnType<SimulatorAdmin["calls"]>> & { received?: Record<string, number> };
  return { ...(c.received ?? c.counts), starts: c.starts.length };
}

/**
 * One fuzz run against a console on `dialect`. The same bad input must get the same answer on either database
 * (PostgreSQL refuses some text SQLite would keep, e.g. U+0000: the console must refuse it first, on both).
 */
async function fuzzConsole(sim: SimulatorAdmin, dialect: string, base: string, cookie: string): Promise<void> {
  expect((await getJson<{ user: { email: string } }>(base, "/api/me", cookie)).json.user.email).toBe(USERS.admin.email);

  // The zero-call proof must not be muddled by the reconciler finishing what earlier specs left (starts in doubt,
  // records still running): wait a little for it to go idle; if it will not, the operations it may call are left
  // out of the comparison — the rest stays exact, and every case still has to get its exact error code, which
  // an upstream call would have changed (upstream_not_found, upstream_refused, a 200…).
  let busy = await reconcilerBusy(base, cookie);
  for (const deadline = Date.now() + 20_000; busy && Date.now() < deadline; busy = await reconcilerBusy(base, cookie)) {
    await new Promise((r) => setTimeout(r, 2_000));
  }
  const upstreamNote = busy ? `reconciler busy (${busy}): ${RECONCILER_OPERATIONS.join(", ")} not compared` : "reconciler idle: every operation compared";
  test.info().annotations.push({ type: "upstream calls", description: upstreamNote });
  const before = await upstreamCalls(sim);

  const started = Date.now();
  const { send, count } = sender(base, cookie);
  const failures = (await Promise.all([...ROUTES.map((r, i) => fuzzRoute(send, r, i)), fuzzRoute(send, null, ROUTES.length)])).filter(
    (f): f is string => f !== null,
  );
  const seconds = (Date.now() - started) / 1000;
  console.log(`fuzz (${dialect}): ${count()} cases in ${seconds.toFixed(1)} s (FUZZ_SEED=${SEED}, ${failures.length} failing route(s); ${upstreamNote})`);
  test.info().annotations.push({ type: "fuzz", description: `${count()} cases in ${seconds.toFixed(1)} s, FUZZ_SEED=${SEED}` });

  expect(failures, failures.join("\n\n")).toEqual([]);
  expect(count()).toBeGreaterThanOrEqual(MIN_CASES * Math.min(SCALE, 1));

  // Still up and still answering, and the cloud never heard of any of it.
  expect((await fetch(`${base}/api/health`)).status).toBe(200);
  const after = await upstreamCalls(sim);
  const compared = (calls: Record<string, number>) => Object.fromEntries(Object.entries(calls).filter(([op]) => !busy || !RECONCILER_OPERATIONS.includes(op)));
  expect(compared(after)).toEqual(compared(before));
}

const primary = isPostgres() ? "postgres" : "sqlite";

test(`generated bad input to every API route gets a 4xx JSON error and never reaches the cloud (${primary})`, async ({ sim }) => {
  test.setTimeout(300_000);
  await fuzzConsole(sim, primary, CONSOLE_URL, adminCookie());
});

// Under `npm test` the e2e console runs on PostgreSQL; the fuzz also runs against a second console on SQLite
// (same build, same simulator), seeded the same way, so both dialects answer every case.
if (primary === "postgres") {
  test("the same generated bad input gets the same answers from a console on SQLite", async ({ sim, playwright }) => {
    test.setTimeout(360_000);
    const file = join(tmpdir(), `codearts-console-fuzz-${process.pid}.sqlite`);
    const databaseUrl = `file:${file}`;
    const seeded = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "e2e/seed.ts"], {
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    expect(seeded.status, "seeding the SQLite database").toBe(0);
    let sqliteConsole: ConsoleProcess | null = null;
    const request = await playwright.request.newContext();
    try {
      sqliteConsole = await startConsole(Number(new URL(CONSOLE_URL).port) + 7, { DATABASE_URL: databaseUrl });
      expect(await signInViaApi(request, USERS.admin.email, PASSWORD, { baseURL: sqliteConsole.url })).toBeNull();
      const cookie = (await request.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
      await fuzzConsole(sim, "sqlite", sqliteConsole.url, cookie);
    } finally {
      await request.dispose();
      await sqliteConsole?.stop();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    }
  });
}
