/**
 * The deploy ledger across console processes: two replicas on one database behave as one (idempotency and the
 * per-task guard hold through database constraints), an in-doubt start is settled by the reconciler, and a
 * console killed with SIGKILL in the middle of a burst of starts leaves no row open and none missing after a
 * restart — compared with what the simulator itself recorded.
 */
import { randomBytes } from "node:crypto";
import { SEED } from "../lib/codearts/simulator/seed";
import { CONSOLE_URL } from "../playwright.config";
import { apiAs, expect, test } from "./fixtures";
import { type ConsoleProcess, type Entry, cookieOf, eventually, isPostgres, ledgerOf, openRows, postAll, startConsole } from "./ledger-helpers";

const { inventory, failing, userCenter, search, notify, edge, recommend, cms, draft } = SEED.apps;
const BASE_PORT = Number(new URL(CONSOLE_URL).port);
const dialect = isPostgres() ? "PostgreSQL" : "SQLite";
/** A fast reconciler and a short CodeArts timeout, so the crash test settles in seconds. */
const FAST = { CODEARTS_TIMEOUT_MS: "2000", LEDGER_RECONCILE_INTERVAL_MS: "1000" };

type StartCall = { taskId: string; recordId?: string; status: number };
const startsOf = async (sim: { calls(): Promise<{ starts: unknown[] }> }, taskIds: string[]) =>
  ((await sim.calls()).starts as StartCall[]).filter((s) => taskIds.includes(s.taskId));

test.describe.configure({ mode: "serial" });

let second: ConsoleProcess;
let fast: ConsoleProcess | undefined;
test.beforeAll(async () => {
  second = await startConsole(BASE_PORT + 1);
});
test.afterAll(async () => {
  await second?.stop();
  await fast?.stop();
});

test(`two console processes on one ${dialect} database: 200 identical starts split between them, one upstream start`, async ({ sim }) => {
  await sim.reset();
  const key = `e2e-two-${randomBytes(6).toString("hex")}`;
  const data = { params: [{ key: "image_tag", value: "v-two-1", type: "text" }] };
  const urls = Array.from({ length: 200 }, (_, i) => `${i % 2 ? second.url : CONSOLE_URL}/api/tasks/${inventory.taskId}/start`);
  const answers = await postAll(urls, "dev", data, () => key);
  expect(answers.map((a) => a.status)).toEqual(Array(200).fill(200));
  expect(new Set(answers.map((a) => a.text)).size).toBe(1);
  expect(answers.filter((a) => a.replayed)).toHaveLength(199);
  expect(await startsOf(sim, [inventory.taskId])).toHaveLength(1);
});

test(`two console processes on one ${dialect} database: 50 different keys for one task, one start, 49 × 409`, async ({ sim }) => {
  await sim.reset();
  const tag = randomBytes(4).toString("hex");
  const urls = Array.from({ length: 50 }, (_, i) => `${i % 2 ? second.url : CONSOLE_URL}/api/tasks/${failing.taskId}/start`);
  const answers = await postAll(urls, "dev", { params: [] }, (i) => `e2e-two-many-${i}-${tag}`);
  expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
  expect(answers.filter((a) => a.status === 409)).toHaveLength(49);
  expect(await startsOf(sim, [failing.taskId])).toHaveLength(1);
});

test("an in-doubt start answers 502 and is settled from the task's history as started", async ({ playwright, sim }) => {
  fast ??= await startConsole(BASE_PORT + 2, FAST);
  const admin = await apiAs(playwright, "admin");
  try {
    await sim.reset();
    await sim.fault({ method: "POST", path: `^/v2/tasks/${userCenter.taskId}/start$`, phase: "after", reset: true, times: 1 });
    const key = `e2e-doubt-${randomBytes(6).toString("hex")}`;
    const r = await admin.post(`${fast.url}/api/tasks/${userCenter.taskId}/start`, { headers: { "Idempotency-Key": key }, data: { params: [] } });
    expect(r.status()).toBe(502);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe("upstream_in_doubt");
    const [created] = await startsOf(sim, [userCenter.taskId]);
    expect(created?.recordId).toBeTruthy();
    const task = await eventually(
      "task settled",
      20_000,
      async () =>
        ((await (await admin.get(`${fast!.url}/api/tasks/${userCenter.taskId}`)).json()) as { inFlight: { state: string; recordId: string | null } | null })
          .inFlight,
      (f) => f?.state === "running" && f.recordId !== null,
    );
    expect(task).toMatchObject({ state: "running", recordId: created?.recordId });
    const replay = await admin.post(`${fast.url}/api/tasks/${userCenter.taskId}/start`, { headers: { "Idempotency-Key": key }, data: { params: [] } });
    expect(replay.status()).toBe(200);
    expect(await replay.json()).toMatchObject({ id: created?.recordId });
    expect(await startsOf(sim, [userCenter.taskId])).toHaveLength(1);
  } finally {
    await admin.dispose();
  }
});

test("kill -9 in the middle of a burst of starts: after a restart every requested row is settled and none is missing", async ({ playwright, sim }) => {
  test.setTimeout(120_000);
  fast ??= await startConsole(BASE_PORT + 2, FAST);
  const admin = await apiAs(playwright, "admin");
  try {
    await sim.reset();
    const slow = [search, notify]; // the cloud starts them; their answers are lost with the process
    const lost = [edge, recommend]; // they never reach the service
    const quick = [cms, draft]; // answered before the crash (draft: refused by the cloud)
    const tasks = [...slow, ...lost, ...quick].map((a) => a.taskId);
    for (const a of slow) await sim.fault({ method: "POST", path: `^/v2/tasks/${a.taskId}/start$`, phase: "after", latencyMs: 6_000 });
    for (const a of lost) await sim.fault({ method: "POST", path: `^/v2/tasks/${a.taskId}/start$`, hang: true });
    const burstAt = new Date(Date.now() - 1_000).toISOString();
    const cookie = cookieOf("admin");
    const burst = tasks.flatMap((taskId) =>
      Array.from(
        { length: 3 },
        () =>
          fetch(`${fast!.url}/api/tasks/${taskId}/start`, {
            method: "POST",
            headers: { cookie, "content-type": "application/json", "idempotency-key": `e2e-burst-${randomBytes(8).toString("hex")}` },
            body: JSON.stringify({ params: [] }),
          })
            .then((r) => r.status)
            .catch(() => 0), // the process died under it
      ),
    );
    // Kill once the starts to the slow and lost tasks are under way (their requested rows are written).
    await eventually(
      "requested rows",
      10_000,
      async () => Promise.all([...slow, ...lost].map(async (a) => (await ledgerOf(admin, "", a.taskId, burstAt)).some((r) => r.phase === "requested"))),
      (seen) => seen.every(Boolean),
    );
    await fast.kill9();
    const statuses = await Promise.all(burst);
    expect(statuses.filter((s) => s === 0).length).toBeGreaterThanOrEqual(slow.length + lost.length);

    fast = await startConsole(BASE_PORT + 2, FAST);
    const rowsOf = async () => (await Promise.all(tasks.map((t) => ledgerOf(admin, "", t, burstAt)))).flat();
    const rows = await eventually("all settled", 60_000, rowsOf, (rs) => openRows(rs).length === 0);
    expect(openRows(rows)).toEqual([]);

    const finals = (r: Entry) => rows.filter((o) => o.correlation === r.id && o.phase !== "in_doubt");
    for (const req of rows.filter((r) => r.phase === "requested")) expect(finals(req), `outcomes of ${req.id}`).toHaveLength(1);
    const calls = await startsOf(sim, tasks);
    const upstreamRecords = calls
      .filter((c) => c.status === 200 && c.recordId)
      .map((c) => c.recordId)
      .sort();
    const ledgerRecords = rows
      .filter((r) => r.phase === "started")
      .map((r) => r.recordId)
      .sort();
    expect(ledgerRecords).toEqual(upstreamRecords);
    const outcome = (taskId: string) =>
      rows.filter((r) => r.taskId === taskId && !["requested", "in_doubt", "denied", "finished"].includes(r.phase)).map((r) => r.phase);
    for (const a of slow) expect(outcome(a.taskId)).toEqual(["started"]);
    for (const a of lost) expect(outcome(a.taskId)).toEqual(["not_started"]);
    expect(outcome(cms.taskId)).toEqual(["started"]);
    // A refusal releases the task at once, so another of the burst's starts may be refused by the cloud too.
    expect(outcome(draft.taskId).length).toBeGreaterThan(0);
    expect(new Set(outcome(draft.taskId))).toEqual(new Set(["refused"]));
    // Upstream, each task was started at most once.
    for (const t of tasks) expect(calls.filter((c) => c.taskId === t && c.status === 200).length).toBeLessThanOrEqual(1);
  } finally {
    await sim.clearFaults();
    await admin.dispose();
  }
});
