/**
 * Running the console like production: Prometheus metrics behind METRICS_TOKEN with bounded labels, the readiness
 * probe, one log line per request whose request id is the ledger's, and a graceful SIGTERM in the middle of a burst
 * of starts — the requests in progress are answered, the ones cut off are settled by the reconciler, none is lost
 * and none is started twice (counted at the simulator).
 */
import { randomBytes } from "node:crypto";
import { SEED } from "../lib/codearts/simulator/seed";
import { CONSOLE_URL, E2E_METRICS_TOKEN } from "../playwright.config";
import { apiAs, expect, test } from "./fixtures";
import { type ConsoleProcess, type Entry, cookieOf, eventually, ledgerOf, openRows, startConsole } from "./ledger-helpers";

const { orders, search, notify, edge, recommend } = SEED.apps;
const PORT = Number(new URL(CONSOLE_URL).port) + 9;
/** A fast reconciler, a short CodeArts timeout and a short drain, so the shutdown test settles in seconds. */
const FAST = { CODEARTS_TIMEOUT_MS: "2000", LEDGER_RECONCILE_INTERVAL_MS: "1000" };
/** The console that gets SIGTERM: a drain (1.5 s) shorter than its CodeArts timeout (6 s), so a hung start is cut. */
const DRAINING = { CODEARTS_TIMEOUT_MS: "6000", LEDGER_RECONCILE_INTERVAL_MS: "1000", SHUTDOWN_TIMEOUT_MS: "1500", METRICS_TOKEN: "" };

test.describe.configure({ mode: "serial" });

let other: ConsoleProcess | undefined;
test.afterAll(async () => {
  await other?.stop();
});

const start = (base: string, taskId: string) =>
  fetch(`${base}/api/tasks/${taskId}/start`, {
    method: "POST",
    headers: { cookie: cookieOf("admin"), "content-type": "application/json", "idempotency-key": `e2e-ops-${randomBytes(8).toString("hex")}` },
    body: JSON.stringify({ params: [] }),
  });

const scrape = async (base = CONSOLE_URL, token = E2E_METRICS_TOKEN) => {
  const r = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${token}` } });
  return { status: r.status, type: r.headers.get("content-type") ?? "", text: await r.text() };
};

test("metrics: bearer METRICS_TOKEN, Prometheus text, requests by route template, upstream calls, deployments, queues", async ({ sim }) => {
  await sim.reset();
  const started = await start(CONSOLE_URL, orders.taskId);
  expect(started.status, await started.clone().text()).toBe(200);

  expect((await fetch(`${CONSOLE_URL}/api/metrics`)).status).toBe(401);
  expect((await scrape(CONSOLE_URL, "not-the-metrics-token-at-all")).status).toBe(401);
  const m = await scrape();
  expect(m.status).toBe(200);
  expect(m.type).toContain("text/plain");
  expect(m.text).toMatch(/console_http_request_duration_seconds_count\{method="POST",route="\/api\/tasks\/\[taskId\]\/start",status="200"\} [1-9]/);
  expect(m.text).toMatch(/console_upstream_request_duration_seconds_count\{operation="StartDeployTask",status="2xx",error_code=""\} [1-9]/);
  expect(m.text).toMatch(/console_deployments_total\{action="start",outcome="started"\} [1-9]/);
  expect(m.text).toMatch(/console_ledger_write_duration_seconds_count\{kind="write_ahead"\} [1-9]/);
  for (const queue of ["reconciler", "watcher", "outbox"]) {
    expect(m.text).toMatch(new RegExp(`console_background_backlog\\{queue="${queue}"\\} \\d+`));
    expect(m.text).toMatch(new RegExp(`console_background_lag_seconds\\{queue="${queue}"\\} [\\d.e+-]+`));
  }
  expect(m.text).toContain("process_cpu_user_seconds_total");
  // Bounded labels: no task id, record id or user in any of them.
  const record = ((await started.json()) as { id: string }).id;
  expect(record).toMatch(/^[0-9a-z]{32}$/);
  for (const raw of [orders.taskId, record, "admin@e2e.test"]) expect(m.text).not.toContain(raw);
});

test("readiness 200 when migrated; a request's log line carries its route template and the request id the ledger keeps", async ({ playwright, sim }) => {
  await sim.reset();
  const ready = await fetch(`${CONSOLE_URL}/api/ready`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: "ready" });

  other ??= await startConsole(PORT, { ...FAST, METRICS_TOKEN: "" });
  expect((await scrape(other.url)).status).toBe(404); // off without METRICS_TOKEN
  const r = await start(other.url, search.taskId);
  expect(r.status).toBe(200);
  const requestId = r.headers.get("x-request-id") ?? "";
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  const line = await eventually(
    "the request's log line",
    10_000,
    async () =>
      other!
        .output()
        .split("\n")
        .find((l) => l.includes(`"requestId":"${requestId}"`) && l.includes('"msg":"request"')),
    Boolean,
  );
  expect(JSON.parse(line!)).toMatchObject({ level: "info", msg: "request", method: "POST", route: "/api/tasks/[taskId]/start", status: 200, requestId });
  const admin = await apiAs(playwright, "admin");
  try {
    const rows = await ledgerOf(admin, "", search.taskId, new Date(Date.now() - 60_000).toISOString());
    const mine = rows.filter((row) => row.requestId === requestId).map((row) => row.phase);
    expect(mine.sort()).toEqual(["requested", "started"]);
  } finally {
    await admin.dispose();
  }
});

test("SIGTERM in the middle of a burst: answered starts keep their outcome, cut ones are settled, none lost or doubled", async ({ playwright, sim }) => {
  test.setTimeout(120_000);
  await other?.stop();
  other = await startConsole(PORT, DRAINING);
  const admin = await apiAs(playwright, "admin");
  try {
    await sim.reset();
    const slow = [notify]; // answered by the cloud within the drain
    const cut = [edge, recommend]; // the cloud never answers: cut off when the drain's time is up
    const tasks = [...slow, ...cut].map((a) => a.taskId);
    await sim.fault({ method: "POST", path: `^/v2/tasks/${notify.taskId}/start$`, phase: "after", latencyMs: 600 });
    for (const a of cut) await sim.fault({ method: "POST", path: `^/v2/tasks/${a.taskId}/start$`, hang: true });
    const since = new Date(Date.now() - 1_000).toISOString();
    const burst = tasks.map((taskId) =>
      start(other!.url, taskId)
        .then((r) => r.status)
        .catch(() => 0),
    );
    await eventually(
      "requested rows",
      10_000,
      async () => Promise.all(tasks.map(async (t) => (await ledgerOf(admin, "", t, since)).some((r) => r.phase === "requested"))),
      (seen) => seen.every(Boolean),
    );
    const t0 = Date.now();
    const stopped = other.stop(); // SIGTERM
    other = undefined;
    // New connections are refused at once; the slow start in progress is still answered.
    await eventually(
      "the listener closed",
      5_000,
      () =>
        fetch(`http://127.0.0.1:${PORT}/api/health`).then(
          () => false,
          () => true,
        ),
      Boolean,
    );
    const [answered, ...cutOff] = await Promise.all(burst);
    expect(answered).toBe(200);
    for (const s of cutOff) expect(s).toBe(0);
    await stopped;
    expect(Date.now() - t0).toBeLessThan(15_000); // the 1.5 s drain, then the loops' last pass and the database closed

    // The main console's reconciler (every 30 s by default) — or a fast one started again — settles the cut starts.
    other = await startConsole(PORT, { ...FAST, METRICS_TOKEN: "" });
    const rowsOf = async () => (await Promise.all(tasks.map((t) => ledgerOf(admin, "", t, since)))).flat();
    const rows = await eventually("all settled", 60_000, rowsOf, (rs) => openRows(rs).length === 0);
    const finals = (r: Entry) => rows.filter((o) => o.correlation === r.id && o.phase !== "in_doubt" && o.phase !== "finished");
    for (const req of rows.filter((r) => r.phase === "requested")) expect(finals(req), `outcomes of ${req.id}`).toHaveLength(1);
    const phaseOf = (taskId: string) =>
      rows.filter((r) => r.taskId === taskId && ["started", "not_started", "failed", "refused"].includes(r.phase)).map((r) => r.phase);
    expect(phaseOf(notify.taskId)).toEqual(["started"]);
    for (const a of cut) expect(phaseOf(a.taskId)).toEqual(["not_started"]);
    const calls = ((await sim.calls()).starts as unknown as { taskId: string; status: number }[]).filter((c) => tasks.includes(c.taskId));
    for (const t of tasks) expect(calls.filter((c) => c.taskId === t && c.status === 200).length).toBeLessThanOrEqual(1);
  } finally {
    await sim.clearFaults();
    await admin.dispose();
  }
});
