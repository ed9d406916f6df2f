// Step 7: a team watching one production deploy. BENCH_VIEWERS viewers (200) each read one running record every 2 s,
// the way an open record page polls it — through the console, then directly on the simulator (ShowDeployStatus,
// signed anew), alternating, BENCH_RUNS runs of BENCH_VIEWERS_S each, at the step-1 upstream latency. The simulator
// counts the ShowDeployStatus calls it authenticated: the console should ask at most once per second however many
// watch, and answer them no slower than the cloud itself would.
import { randomBytes } from "node:crypto";
import http from "node:http";
import { performance } from "node:perf_hooks";
import { CFG, CONSOLE, SIM } from "./config.mjs";
import { consoleStartRequest } from "./requests.mjs";
import { WATCH, say } from "./context.mjs";
import { cpuMs, sleep } from "./procs.mjs";
import { simAdmin } from "./servers.mjs";
import { percentile } from "./stats.mjs";

const EVERY_MS = 2_000;
/** Records started for the step run this long per step: long enough to stay running through every run. */
const LONG_STEP_MS = 3_600_000;

/** One request on a keep-alive agent: its status and time to the last byte of the answer. */
function timedGet(agent, base, { path, headers }) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request(`${base}${path}`, { method: "GET", headers, agent, timeout: 10_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve({ status: 0, ms: performance.now() - t0 }));
    req.end();
  });
}

/**
 * `viewers` loops, each reading every EVERY_MS on a fixed schedule (their phases spread over the first interval)
 * for `durationS`; latencies of 2xx answers, other statuses counted apart.
 */
async function watch({ base, viewers, durationS, request, pid }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: viewers });
  const latencies = [];
  const statuses = {};
  const cpu0 = pid ? cpuMs(pid) : 0;
  const t0 = performance.now();
  const end = t0 + durationS * 1000;
  const viewer = async (i) => {
    let due = t0 + (i * EVERY_MS) / viewers;
    while (due < end) {
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const res = await timedGet(agent, base, request());
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status >= 200 && res.status < 300) latencies.push(res.ms);
      due += EVERY_MS;
    }
  };
  await Promise.all(Array.from({ length: viewers }, (_, i) => viewer(i)));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  const ok = latencies.length;
  const total = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    durationS: seconds,
    requests: total,
    ok,
    non2xx: total - ok,
    statuses,
    rps: ok / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuPerOk: pid && ok ? (cpuMs(pid) - cpu0) / ok : Number.NaN,
  };
}

const statusCalls = async () => (await simAdmin("GET", "/__sim/calls")).counts?.ShowDeployStatus ?? 0;

/** A record that keeps running: started through the console while the simulator's steps last an hour. */
async function startLongRecord(session, taskId) {
  await simAdmin("POST", "/__sim/steps", { stepMs: LONG_STEP_MS });
  try {
    const req = consoleStartRequest(session, taskId, `bench-viewers-${randomBytes(6).toString("hex")}`);
    const res = await fetch(`${CONSOLE}${req.path}`, { method: req.method, headers: req.headers, body: req.body, signal: AbortSignal.timeout(30_000) });
    if (res.status !== 200) throw new Error(`the console's start of ${taskId} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return (await res.json()).id;
  } finally {
    await simAdmin("POST", "/__sim/steps", { stepMs: 1 });
  }
}

/** Is the record still running, as the console reads it? */
async function stillRunning(session, taskId, recordId) {
  const res = await fetch(`${CONSOLE}/api/tasks/${taskId}/records/${recordId}`, { headers: { cookie: session.header }, signal: AbortSignal.timeout(30_000) });
  const body = await res.json();
  return res.status === 200 && body.finished === false;
}

export async function viewers({ sign, session, task }) {
  const count = CFG.viewers;
  await simAdmin("DELETE", "/__sim/faults");
  const recordId = await startLongRecord(session, task.taskId);
  await simAdmin("POST", "/__sim/faults", { rules: [{ latencyMs: CFG.latencyMs }] });
  say(`7. viewers: ${count} viewers each reading running record ${recordId} every ${EVERY_MS / 1000} s, ${CFG.runs} × ${CFG.viewersS} s per side`);
  const consoleRead = () => ({ path: `/api/tasks/${task.taskId}/records/${recordId}`, headers: { cookie: session.header } });
  const directRead = () => {
    const q = sign({ base: SIM, method: "GET", path: `/v2/tasks/${task.taskId}/state`, query: { record_id: recordId, step_state: true } });
    return { path: q.path, headers: q.headers };
  };
  // Warm-up: the console's first read of the task also asks for its detail.
  await watch({ base: CONSOLE, viewers: 20, durationS: 2, request: consoleRead });
  const out = { viewers: count, everyMs: EVERY_MS, taskId: task.taskId, recordId, console: [], direct: [] };
  for (let run = 1; run <= CFG.runs; run++) {
    const before = await statusCalls();
    const counted = performance.now();
    const c = await watch({ base: CONSOLE, viewers: count, durationS: CFG.viewersS, request: consoleRead, pid: WATCH.console });
    c.upstreamCalls = (await statusCalls()) - before;
    // Calls begin at least 1 s apart, so a window of T seconds (between the two counts) may hold T + 1 of them, one
    // at each edge: the rate is their spacing, (calls − 1) / T.
    c.countedS = (performance.now() - counted) / 1000;
    c.upstreamPerS = Math.max(0, c.upstreamCalls - 1) / c.countedS;
    out.console.push(c);
    say(
      `  run ${run}/${CFG.runs} console ${c.rps.toFixed(0)} reads/s, p50 ${c.p50.toFixed(2)} ms, p99 ${c.p99.toFixed(2)} ms, upstream ShowDeployStatus ${c.upstreamPerS.toFixed(2)}/s, console CPU ${c.cpuPerOk.toFixed(3)} ms/read`,
    );
    const d = await watch({ base: SIM, viewers: count, durationS: CFG.viewersS, request: directRead });
    out.direct.push(d);
    say(`  run ${run}/${CFG.runs} direct  ${d.rps.toFixed(0)} reads/s, p50 ${d.p50.toFixed(2)} ms, p99 ${d.p99.toFixed(2)} ms`);
  }
  await simAdmin("DELETE", "/__sim/faults");
  out.stillRunning = await stillRunning(session, task.taskId, recordId);
  if (!out.stillRunning) throw new Error(`record ${recordId} finished during step 7: its figures are not those of a running record`);
  return out;
}
