#!/usr/bin/env node
// `npm run bench`: how much the console adds, how fast its pages are, how it scales. Not part of `npm test`.
// Builds when needed, starts the CodeArts Deploy simulator and the console (cloud mode, pointed at that simulator,
// signed in as a local admin), then measures: 1 proxy overhead, 2 saturation beside a plain signing proxy,
// 3 pages (first-load JS, Lighthouse), 4 scale of data, 5 memory. Beside the console, with the same figures where
// they apply, the floors: a plain Node.js proxy (bench/plain-proxy.mjs) and a bare Next.js app (bench/next-floor)
// making the same upstream calls. Writes docs/BENCHMARKS.md and prints a summary.
// Loopback only; every loop is bounded in count and time; every process started here is stopped here (by pid).
//
// Settings (environment): BENCH_RUNS (3), BENCH_DURATION_S (10), BENCH_CONNECTIONS (20), BENCH_LATENCY_MS (50),
// BENCH_SWEEP_S (3), BENCH_CONFIRM_S (5), BENCH_LH_RUNS (3, mobile = Lighthouse's default), BENCH_LH_DESKTOP_RUNS (1),
// BENCH_SKIP_BUILD=1, BENCH_QUICK=1 (a short smoke run:
// 1 run of 3 s, 1 Lighthouse run), BENCH_SIM_PORT (9500), BENCH_CONSOLE_PORT (3500), BENCH_PLAIN_PORT (3501),
// BENCH_NEXT_PORT (3502, the bare Next.js app), BENCH_CHROME_PORT (9522), BENCH_VERBOSE=1 (child output), BENCH_DOC (docs/BENCHMARKS.md),
// BENCH_CONSOLE_NODE_OPTIONS (NODE_OPTIONS for the console only; the heap limit of scripts/heap.mjs is added
// unless they set --max-old-space-size / --max-semi-space-size themselves),
// BENCH_CONSOLE_NODE_ARGS (node flags for the console process only, e.g. --cpu-prof --cpu-prof-dir=…),
// BENCH_ONLY (steps to run, e.g. "1,2"; 5 comes with 1 and 2, the first-load JS figures always),
// BENCH_LH_DIR (a folder: every Lighthouse run's full report is written there as <page>-<preset>-<n>.json, for the
// diagnostics behind the scores: bootup-time, mainthread-work-breakdown, long-tasks, the LCP element).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { tsImport } from "tsx/esm/api";
import { firstLoadJs } from "./lib/first-load.mjs";
import { openBrowser, pickerFirstRows, scriptsBeforeLoad, searchKeystroke } from "./lib/browser.mjs";
import { runLoad } from "./lib/load.mjs";
import { launchChromium, lighthouseRun } from "./lib/pages.mjs";
import { killAllSync, machineBusyMs, machineStealMs, sampleRss, sleep, startProcess, stopAll, trackTreeCpu, treeRss, waitForHttp } from "./lib/procs.mjs";
import { renderReport, summaryLines } from "./lib/report.mjs";
import { withHeapLimit } from "../scripts/heap.mjs";
import { BENCH_EMAIL, addUser, hasSignIn, signIn } from "./lib/session.mjs";
import { makeSigner, signedFetch } from "./lib/sign.mjs";
import { median } from "./lib/stats.mjs";

const root = new URL("..", import.meta.url).pathname;
process.chdir(root);

const int = (name, dflt, min, max) => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return dflt;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) {
    console.error(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    process.exit(2);
  }
  return v;
};
const QUICK = process.env.BENCH_QUICK === "1";
const CFG = {
  simPort: int("BENCH_SIM_PORT", 9500, 1024, 65535),
  consolePort: int("BENCH_CONSOLE_PORT", 3500, 1024, 65535),
  plainPort: int("BENCH_PLAIN_PORT", 3501, 1024, 65535),
  nextPort: int("BENCH_NEXT_PORT", 3502, 1024, 65535),
  chromePort: int("BENCH_CHROME_PORT", 9522, 1024, 65535),
  runs: int("BENCH_RUNS", QUICK ? 1 : 3, 1, 10),
  durationS: int("BENCH_DURATION_S", QUICK ? 3 : 10, 1, 60),
  connections: int("BENCH_CONNECTIONS", 20, 1, 500),
  latencyMs: int("BENCH_LATENCY_MS", 50, 0, 5_000),
  sweepS: int("BENCH_SWEEP_S", QUICK ? 2 : 3, 1, 30),
  confirmS: int("BENCH_CONFIRM_S", QUICK ? 2 : 5, 1, 60),
  sweepConnections: [1, 2, 4, 8, 16, 32, 64, 128],
  p99LimitMs: 100,
  lhRuns: int("BENCH_LH_RUNS", QUICK ? 1 : 3, 1, 10),
  lhDesktopRuns: int("BENCH_LH_DESKTOP_RUNS", 1, 0, 10),
  only: (process.env.BENCH_ONLY ?? "1,2,3,4")
    .split(",")
    .map((x) => Number(x.trim()))
    .filter((x) => x >= 1 && x <= 4),
  apps: 2000,
  historyRecords: 500,
  historyDays: 92,
  pickerRuns: 5,
  historyRuns: 10,
  readTargets: 50,
  doc: process.env.BENCH_DOC ?? "docs/BENCHMARKS.md",
  lhDir: process.env.BENCH_LH_DIR ? resolve(process.env.BENCH_LH_DIR) : null,
};
const want = (step) => CFG.only.includes(step);
const SIM = `http://127.0.0.1:${CFG.simPort}`;
const CONSOLE = `http://127.0.0.1:${CFG.consolePort}`;
const PLAIN = `http://127.0.0.1:${CFG.plainPort}`;
const NEXT_FLOOR = `http://127.0.0.1:${CFG.nextPort}`;
const NEXT_FLOOR_DIR = "bench/next-floor";
const ADMIN_TOKEN = `bench-${randomBytes(8).toString("hex")}`;
const started = Date.now();
/** name → pid of the processes whose CPU time is measured during load runs. */
const WATCH = { loadgen: process.pid };
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const say = (msg) => console.log(`[bench ${elapsed()}] ${msg}`);
/** The 1/5/15-minute load averages: other work on the machine skews every figure, so the report shows them. */
const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).map(Number);
const loadLog = [];
/** CPU used by other processes than the benchmark's own since the previous note, as a share of all CPUs. */
let ownCpu = null;
const noteLoad = (phase) => {
  ownCpu ??= trackTreeCpu(process.pid);
  const now = { wall: Date.now(), busy: machineBusyMs(), steal: machineStealMs(), mine: ownCpu.totalMs() };
  const prev = loadLog.at(-1)?.cpu;
  const span = prev ? (now.wall - prev.wall) * cpus().length : 0;
  const foreign = prev ? Math.max(0, (now.busy - prev.busy - (now.mine - prev.mine)) / span) : null;
  const steal = prev ? Math.max(0, (now.steal - (prev.steal ?? now.steal)) / span) : null;
  loadLog.push({ phase, at: elapsed(), loadavg: loadavg(), cpu: now, foreignSincePrevious: foreign, stealSincePrevious: steal });
};

const work = mkdtempSync(join(tmpdir(), "codearts-bench-"));
let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  ownCpu?.stop();
  await stopAll();
  rmSync(work, { recursive: true, force: true });
}
process.on("exit", () => killAllSync());
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the benchmark's processes…`);
    cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Machine, build
// ---------------------------------------------------------------------------------------------------------------

function machine() {
  const cpuModel = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model ?? "unknown";
  const nproc = spawnSync("nproc", { encoding: "utf8" }).stdout?.trim() || String(cpus().length);
  const free = spawnSync("free", ["-m"], { encoding: "utf8" }).stdout?.trim() ?? "";
  const chromium =
    spawnSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", ["--version"], { encoding: "utf8", timeout: 20_000 }).stdout?.trim() ?? "unknown";
  const kernel = spawnSync("uname", ["-sr"], { encoding: "utf8" }).stdout?.trim() ?? "";
  const pkg = (name) => {
    try {
      return JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")).version;
    } catch {
      return "?";
    }
  };
  return {
    nproc,
    cpuModel,
    memTotalMiB: Math.round(totalmem() / 1048576),
    free,
    node: process.version,
    kernel,
    chromium,
    versions: { next: pkg("next"), react: pkg("react"), autocannon: pkg("autocannon"), lighthouse: pkg("lighthouse"), playwright: pkg("@playwright/test") },
  };
}

const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "messages",
  "i18n",
  "public",
  "next.config.js",
  "package-lock.json",
  "postcss.config.mjs",
  "proxy.ts",
  "instrumentation.ts",
  "tsconfig.json",
];

function newestMtime(path, depth = 0) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  if (depth > 30) return newest;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(join(path, entry), depth + 1));
  }
  return newest;
}

// The bare Next.js app's route handlers use the console's transport (lib/codearts/http.ts and what it imports).
const FLOOR_INPUTS = [NEXT_FLOOR_DIR, "bench/lib/floor-proxy.mjs", "lib/codearts", "package-lock.json"];

/** `next build` of the console (dir ".") or of the bare Next.js app, when its sources are newer than its build. */
function buildIfNeeded(dir = ".", inputs = BUILD_INPUTS) {
  const buildId = join(root, dir, ".next", "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const stale = builtAt === 0 || Math.max(...inputs.map((p) => newestMtime(join(root, p)))) > builtAt;
  if (!stale) return { built: false, reason: "the build is newer than the sources" };
  if (process.env.BENCH_SKIP_BUILD === "1") {
    if (builtAt === 0) throw new Error(`BENCH_SKIP_BUILD=1 but there is no build (${join(dir, ".next/BUILD_ID")})`);
    return { built: false, reason: "BENCH_SKIP_BUILD=1 (the build may be older than the sources)" };
  }
  say(`${builtAt === 0 ? "no build found" : "sources changed since the last build"}: next build${dir === "." ? "" : ` ${dir}`}…`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build", dir], {
    stdio: process.env.BENCH_VERBOSE === "1" ? "inherit" : "pipe",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    timeout: 15 * 60_000,
    encoding: "utf8",
  });
  if (r.status !== 0) {
    throw new Error(`next build failed (exit ${r.status ?? r.signal}):\n${(r.stdout ?? "").slice(-3000)}\n${(r.stderr ?? "").slice(-3000)}`);
  }
  return { built: true, seconds: (Date.now() - t0) / 1000 };
}

// ---------------------------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------------------------

async function simAdmin(method, path, body) {
  const r = await fetch(`${SIM}${path}`, {
    method,
    headers: { "x-sim-admin": ADMIN_TOKEN, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(15_000),
  });
  if (!r.ok) throw new Error(`simulator ${method} ${path} answered ${r.status}: ${await r.text()}`);
  return r.json().catch(() => null);
}

async function startSimulator() {
  const proc = startProcess("simulator", process.execPath, ["--import", "tsx", "lib/codearts/simulator/main.ts"], {
    env: {
      ...process.env,
      SIMULATOR_PORT: String(CFG.simPort),
      SIMULATOR_HOST: "127.0.0.1",
      SIMULATOR_ADMIN_TOKEN: ADMIN_TOKEN,
      SIMULATOR_APPS: String(CFG.apps),
      // Records finish within milliseconds: starts round-robin over many tasks never meet a running deployment,
      // and 500 records for one task can be started one after the other in seconds.
      SIMULATOR_STEP_MS: "1",
    },
  });
  await waitForHttp(proc, `${SIM}/__sim/health`, 60_000);
  return proc;
}

function consoleEnv(demo) {
  const env = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(CFG.consolePort),
    CODEARTS_ENDPOINT: SIM,
    CODEARTS_REGION: demo.DEMO_REGION,
    CODEARTS_PROJECT_ID: demo.DEMO_CODEARTS_PROJECT_ID,
    IAM_ENDPOINT: SIM,
    CLOUD_SDK_AK: demo.DEMO_AK,
    CLOUD_SDK_SK: demo.DEMO_SK,
    CLOUD_SDK_PROJECT_ID: demo.DEMO_IAM_PROJECT_ID,
    NEXTAUTH_URL: CONSOLE,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    DATABASE_URL: `file:${join(work, "bench.sqlite")}`,
    DATA_DIR: work,
  };
  // The console runs with the heap limit `npm start` sets (scripts/heap.mjs), or BENCH_CONSOLE_NODE_OPTIONS
  // (e.g. --max-old-space-size=512 to see the memory figure under another limit).
  env.NODE_OPTIONS = withHeapLimit(process.env.BENCH_CONSOLE_NODE_OPTIONS ?? "");
  // Nothing from the developer's shell may redirect the console elsewhere.
  for (const k of ["IAM_DOMAIN_NAME", "IAM_USER_NAME", "IAM_PASSWORD", "CLOUD_SDK_SECURITY_TOKEN", "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"])
    delete env[k];
  return env;
}

async function startConsole(env) {
  // E.g. BENCH_CONSOLE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" for a CPU profile of the console (not
  // allowed in NODE_OPTIONS); written when the console stops at the end of the run.
  const nodeArgs = (process.env.BENCH_CONSOLE_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const proc = startProcess(
    "console",
    process.execPath,
    [...nodeArgs, "node_modules/next/dist/bin/next", "start", "-p", String(CFG.consolePort), "-H", "127.0.0.1"],
    { env },
  );
  await waitForHttp(proc, `${CONSOLE}/api/health`, 90_000);
  return proc;
}

/** The floors' settings (bench/lib/floor-proxy.mjs): the simulator, its demo AK/SK, the console's task-detail reuse. */
async function floorEnv(demo) {
  return {
    ...process.env,
    FLOOR_TASK_TTL_MS: String((await tsImport("../lib/codearts/tasks.ts", import.meta.url)).TASK_INFO_TTL_MS),
    UPSTREAM: SIM,
    CLOUD_SDK_AK: demo.DEMO_AK,
    CLOUD_SDK_SK: demo.DEMO_SK,
    CLOUD_SDK_PROJECT_ID: demo.DEMO_IAM_PROJECT_ID,
  };
}

async function startPlainProxy(demo) {
  const proc = startProcess("plain-proxy", process.execPath, ["bench/plain-proxy.mjs"], {
    env: { ...(await floorEnv(demo)), PLAIN_PROXY_PORT: String(CFG.plainPort) },
  });
  await waitForHttp(proc, `${PLAIN}/health`, 30_000);
  return proc;
}

/** The bare Next.js app, started like the console (`next start`, production, the same heap limits). */
async function startNextFloor(demo) {
  const env = { ...(await floorEnv(demo)), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  env.NODE_OPTIONS = withHeapLimit(process.env.BENCH_CONSOLE_NODE_OPTIONS ?? "");
  const proc = startProcess(
    "next-floor",
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", NEXT_FLOOR_DIR, "-p", String(CFG.nextPort), "-H", "127.0.0.1"],
    { env },
  );
  await waitForHttp(proc, `${NEXT_FLOOR}/`, 90_000);
  return proc;
}

// ---------------------------------------------------------------------------------------------------------------
// Data set-up (direct, signed)
// ---------------------------------------------------------------------------------------------------------------

async function listBenchTasks(sign, projectId) {
  const tasks = [];
  let total = Infinity;
  for (let page = 1; page <= 100 && (page - 1) * 100 < total; page++) {
    const r = await signedFetch(sign, {
      base: SIM,
      method: "POST",
      path: "/v1/applications/list",
      body: { project_id: projectId, page, size: 100, sort_name: "name", sort_by: "ASC" },
    });
    if (r.status !== 200) throw new Error(`ListAllApp answered ${r.status}: ${r.text.slice(0, 300)}`);
    total = r.json.total_num ?? 0;
    for (const app of r.json.result ?? []) {
      const task = app.arrange_infos?.[0];
      if (task && /^bench-app-\d+$/.test(app.name)) tasks.push({ taskId: task.id, appId: app.id, name: app.name });
    }
  }
  return { tasks, totalApps: total };
}

async function latestRecordOf(sign, taskId) {
  const r = await signedFetch(sign, { base: SIM, method: "GET", path: `/v2/tasks/${taskId}/state`, query: { step_state: true } });
  return r.status === 200 ? (r.json.result?.record_id ?? null) : null;
}

/** Start records on one task until its history holds `target` records; each start waits for the last to finish. */
async function fillHistory(sign, taskId, have, target) {
  let created = 0;
  let refused = 0;
  const deadline = Date.now() + 120_000;
  for (let attempt = 0; have + created < target && attempt < 20 * target && Date.now() < deadline; attempt++) {
    const r = await signedFetch(sign, { base: SIM, method: "POST", path: `/v2/tasks/${taskId}/start`, body: {} });
    if (r.status === 200) created++;
    else if (r.status === 400 && /Deploy\.00011027/.test(r.text)) {
      refused++;
      await sleep(5);
    } else throw new Error(`StartDeployTask on ${taskId} answered ${r.status}: ${r.text.slice(0, 300)}`);
  }
  if (have + created < target) throw new Error(`could only reach ${have + created} of ${target} records on ${taskId}`);
  return { created, refused };
}

// ---------------------------------------------------------------------------------------------------------------
// Step 1: proxy overhead at 50 ms upstream latency
// ---------------------------------------------------------------------------------------------------------------

function requestMakers({ sign, session, readTargets, startTasks }) {
  let r = 0;
  let s = 0;
  let keySeq = 0;
  const runTag = randomBytes(4).toString("hex");
  const cookie = session ? { cookie: session.header } : {};
  const nextRead = () => readTargets[r++ % readTargets.length];
  const nextTask = () => startTasks[s++ % startTasks.length];
  return {
    directRead: () => {
      const t = nextRead();
      const q = sign({ base: SIM, method: "GET", path: `/v2/tasks/${t.taskId}/state`, query: { record_id: t.recordId, step_state: true } });
      return { method: "GET", path: q.path, headers: q.headers };
    },
    consoleRead: () => {
      const t = nextRead();
      return { method: "GET", path: `/api/tasks/${t.taskId}/records/${t.recordId}`, headers: { ...cookie } };
    },
    // Next.js's own cost per request in this console: a route handler answering a constant JSON (/api skips proxy.ts).
    consoleHealth: () => ({ method: "GET", path: "/api/health", headers: { ...cookie } }),
    floorRead: () => {
      const t = nextRead();
      return { method: "GET", path: `/api/tasks/${t.taskId}/records/${t.recordId}`, headers: {} };
    },
    // The console sends `{}` upstream for a start without parameters; the direct side sends the same.
    directStart: () => {
      const t = nextTask();
      const q = sign({ base: SIM, method: "POST", path: `/v2/tasks/${t.taskId}/start`, body: {} });
      return { method: "POST", path: q.path, headers: q.headers, body: q.body };
    },
    // The floors' start route: the same body, no session, key or Origin (they have none of the console's checks).
    floorStart: () => {
      const t = nextTask();
      return { method: "POST", path: `/api/tasks/${t.taskId}/start`, headers: { "content-type": "application/json" }, body: '{"params":[]}' };
    },
    consoleStart: () => {
      const t = nextTask();
      return {
        method: "POST",
        path: `/api/tasks/${t.taskId}/start`,
        headers: { ...cookie, origin: CONSOLE, "content-type": "application/json", "idempotency-key": `bench-${runTag}-${++keySeq}` },
        body: '{"params":[]}',
      };
    },
  };
}

const brief = (x) =>
  `${x.rps.toFixed(0)} req/s, p50 ${x.p50.toFixed(2)} ms, p99 ${x.p99.toFixed(2)} ms${x.non2xx ? `, non-2xx ${x.non2xx}` : ""}${x.errors ? `, errors ${x.errors}` : ""}; CPU ms/req ${Object.entries(
    x.cpuPerOk,
  )
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(", ")}`;

async function overhead(makers) {
  await simAdmin("DELETE", "/__sim/faults");
  await simAdmin("POST", "/__sim/faults", { rules: [{ latencyMs: CFG.latencyMs }] });
  const series = async (label, pairs) => {
    for (const [, target, next] of pairs) await runLoad({ url: target, connections: CFG.connections, durationS: QUICK ? 1 : 2, next }); // warm-up
    const out = Object.fromEntries(pairs.map(([side]) => [side, []]));
    for (let run = 1; run <= CFG.runs; run++) {
      for (const [side, target, next] of pairs) {
        const res = await runLoad({ url: target, connections: CFG.connections, durationS: CFG.durationS, next, watch: WATCH });
        out[side].push(res);
        say(`  ${label} run ${run}/${CFG.runs} ${side.padEnd(7)} ${brief(res)}`);
      }
    }
    return out;
  };
  say(`1. proxy overhead: ${CFG.latencyMs} ms upstream latency, ${CFG.connections} connections, ${CFG.runs} × ${CFG.durationS} s per side`);
  const reads = await series("read ", [
    ["direct", SIM, makers.directRead],
    ["console", CONSOLE, makers.consoleRead],
    ["next", NEXT_FLOOR, makers.floorRead],
    ["plain", PLAIN, makers.floorRead],
  ]);
  const starts = await series("start", [
    ["direct", SIM, makers.directStart],
    ["console", CONSOLE, makers.consoleStart],
    ["next", NEXT_FLOOR, makers.floorStart],
    ["plain", PLAIN, makers.floorStart],
  ]);
  await simAdmin("DELETE", "/__sim/faults");
  return { reads, starts };
}

// ---------------------------------------------------------------------------------------------------------------
// Step 2: saturation at 0 ms latency, console beside the plain signing proxy (and the simulator alone)
// ---------------------------------------------------------------------------------------------------------------

async function saturation(makers) {
  await simAdmin("DELETE", "/__sim/faults");
  const targets = [
    ["console", CONSOLE, makers.consoleRead],
    ["plain", PLAIN, makers.floorRead],
    ["next", NEXT_FLOOR, makers.floorRead],
    ["direct", SIM, makers.directRead],
    ["framework", CONSOLE, makers.consoleHealth],
  ];
  say(`2. saturation: 0 ms latency, connections ${CFG.sweepConnections.join("/")} × ${CFG.sweepS} s until p99 ≥ ${CFG.p99LimitMs} ms`);
  const sweep = {};
  const best = {};
  for (const [side, url, next] of targets) {
    await runLoad({ url, connections: 8, durationS: QUICK ? 1 : 2, next }); // warm-up
    sweep[side] = [];
    for (const connections of CFG.sweepConnections) {
      const res = await runLoad({ url, connections, durationS: CFG.sweepS, next, watch: WATCH });
      sweep[side].push(res);
      say(`  sweep ${side.padEnd(7)} c=${String(connections).padStart(3)} ${brief(res)}`);
      // A single scheduling hiccup can push p99 of a short run over the limit: stop after two steps over it.
      const over = sweep[side].slice(-2).filter((x) => !(x.p99 < CFG.p99LimitMs));
      if (over.length === 2 || res.non2xx > 0 || res.errors > 0) break;
    }
    const ok = sweep[side].filter((r) => r.p99 < CFG.p99LimitMs && r.non2xx === 0 && r.errors === 0);
    best[side] = ok.reduce((a, b) => (b.rps > (a?.rps ?? -1) ? b : a), null);
  }
  // Repeated runs at each side's best connection count (console, plain proxy and bare Next.js alternating).
  const confirm = { console: [], plain: [], next: [] };
  for (let run = 1; run <= CFG.runs; run++) {
    for (const [side, url, next] of targets.slice(0, 3)) {
      if (!best[side]) continue;
      const res = await runLoad({ url, connections: best[side].connections, durationS: CFG.confirmS, next, watch: WATCH });
      confirm[side].push(res);
      say(`  confirm run ${run}/${CFG.runs} ${side.padEnd(7)} c=${best[side].connections} ${brief(res)}`);
    }
  }
  return { sweep, best: Object.fromEntries(Object.entries(best).map(([k, v]) => [k, v ? v.connections : null])), confirm };
}

// ---------------------------------------------------------------------------------------------------------------
// Step 4: scale of data; step 3: pages
// ---------------------------------------------------------------------------------------------------------------

const upstreamToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function timedJson(url, headers) {
  const t0 = performance.now();
  const r = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
  const json = await r.json();
  const ms = performance.now() - t0;
  if (!r.ok) throw new Error(`${url} answered ${r.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return { ms, json };
}

async function historyTimings(taskId, session) {
  const headers = session ? { cookie: session.header } : {};
  const to = upstreamToday();
  const from = addDays(to, -(CFG.historyDays - 1));
  const url = (page, size) => `${CONSOLE}/api/tasks/${taskId}/records?from=${from}&to=${to}&page=${page}&size=${size}`;
  await timedJson(url(1, 100), headers); // warm-up
  const firstPage = [];
  let total = 0;
  for (let i = 0; i < CFG.historyRuns; i++) {
    const r = await timedJson(url(1, 100), headers);
    firstPage.push(r.ms);
    total = r.json.total;
  }
  const firstPageUi = [];
  for (let i = 0; i < CFG.historyRuns; i++) firstPageUi.push((await timedJson(url(1, 10), headers)).ms);
  // Every record of the range, 100 per page, one page after the other.
  const allPages = [];
  let pages = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    pages = 0;
    for (let page = 1; page <= Math.ceil(total / 100) && page <= 50; page++) {
      await timedJson(url(page, 100), headers);
      pages++;
    }
    allPages.push(performance.now() - t0);
  }
  return { from, to, total, firstPage, firstPageUi, allPages, pages };
}

/** Lighthouse on the console's pages (`base` CONSOLE, with the session) or the bare Next.js app's (session null). */
async function lighthousePages(pages, session, { base = CONSOLE, desktopRuns: desktopCount = CFG.lhDesktopRuns } = {}) {
  const chrome = await launchChromium(CFG.chromePort);
  const out = [];
  try {
    for (const p of pages) {
      const runs = [];
      const desktopRuns = [];
      for (const [preset, list, count] of [
        ["mobile", runs, CFG.lhRuns],
        ["desktop", desktopRuns, desktopCount],
      ]) {
        for (let i = 0; i < count; i++) {
          let r;
          try {
            r = await lighthouseRun(`${base}${p.path}`, {
              port: chrome.port,
              cookie: session?.header,
              preset,
              saveAs: CFG.lhDir ? join(CFG.lhDir, `${p.name}-${preset}-${i + 1}.json`) : null,
            });
          } catch (err) {
            say(`  lighthouse ${p.name} ${preset} run ${i + 1} failed: ${err instanceof Error ? err.message : String(err)}`);
            continue;
          }
          list.push(r);
          say(
            `  lighthouse ${p.name.padEnd(7)} ${preset.padEnd(7)} run ${i + 1}/${count}: performance ${r.performance}, accessibility ${r.accessibility}, best practices ${r.bestPractices}${r.runtimeError ? ` (error: ${r.runtimeError})` : ""}`,
          );
        }
      }
      out.push({ ...p, runs, desktopRuns });
    }
  } finally {
    await chrome.close();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const results = {
    startedAt: new Date().toISOString(),
    config: { ...CFG, quick: QUICK, consoleNodeOptions: withHeapLimit(process.env.BENCH_CONSOLE_NODE_OPTIONS ?? "") },
    machine: machine(),
    notes: [],
  };
  results.load = loadLog;
  // Two quiet seconds first: how busy is the machine before the bench starts anything?
  noteLoad("before start");
  await sleep(2_000);
  noteLoad("set-up");
  const othersAtStart = loadLog.at(-1).foreignSincePrevious ?? 0;
  say(
    `machine: ${results.machine.nproc} CPU (${results.machine.cpuModel}), ${results.machine.memTotalMiB} MiB, Node ${results.machine.node}; other processes use ${(othersAtStart * 100).toFixed(0)} % of the CPUs`,
  );
  if (othersAtStart > 0.15) say("warning: the machine is busy; the figures will be pessimistic and noisy — best run on an idle machine");

  results.build = buildIfNeeded();
  say(results.build.built ? `built in ${results.build.seconds.toFixed(0)} s` : `build reused: ${results.build.reason}`);
  results.bundles = firstLoadJs(join(root, ".next"));
  results.floorBuild = buildIfNeeded(NEXT_FLOOR_DIR, FLOOR_INPUTS);
  say(
    results.floorBuild.built
      ? `bare Next.js app built in ${results.floorBuild.seconds.toFixed(0)} s`
      : `bare Next.js app build reused: ${results.floorBuild.reason}`,
  );
  results.floorBundles = firstLoadJs(join(root, NEXT_FLOOR_DIR, ".next"));
  results.budgets = JSON.parse(readFileSync(join(root, "bench", "budgets.json"), "utf8"));

  const demo = await tsImport("../lib/codearts/simulator/demo.ts", import.meta.url);
  const { SEED } = await tsImport("../lib/codearts/simulator/seed.ts", import.meta.url);
  const sign = makeSigner({ ak: demo.DEMO_AK, sk: demo.DEMO_SK, projectId: demo.DEMO_IAM_PROJECT_ID });

  say(`starting the simulator (${SIM}, ${CFG.apps} apps, 1 ms steps)…`);
  WATCH.simulator = (await startSimulator()).pid;

  const env = consoleEnv(demo);
  const signInAvailable = hasSignIn(root);
  const password = randomBytes(18).toString("base64url");
  if (signInAvailable) {
    await addUser(root, env, password);
    say(`created ${BENCH_EMAIL} (admin) in ${env.DATABASE_URL}`);
  } else results.notes.push("This checkout has no sign-in yet: the console was measured without a session cookie.");

  say(`starting the console (next start, ${CONSOLE}, cloud mode → simulator)…`);
  const consoleProc = await startConsole(env);
  WATCH.console = consoleProc.pid;
  const session = signInAvailable ? await signIn(CONSOLE, BENCH_EMAIL, password) : null;
  results.signedIn = Boolean(session);
  WATCH.plain = (await startPlainProxy(demo)).pid;
  WATCH.next = (await startNextFloor(demo)).pid;
  results.memory = { idle: treeRss(consoleProc.pid) };

  const { tasks, totalApps } = await listBenchTasks(sign, demo.DEMO_CODEARTS_PROJECT_ID);
  const historyTask = SEED.apps.orders;
  const readTargets = [];
  for (const t of tasks) {
    if (readTargets.length >= CFG.readTargets) break;
    const recordId = await latestRecordOf(sign, t.taskId);
    if (recordId) readTargets.push({ ...t, recordId });
  }
  if (readTargets.length === 0) throw new Error("no bench-app task with a record was found in the simulator");
  // The console answers what it should before anything is timed.
  const readPath = `/api/tasks/${readTargets[0].taskId}/records/${readTargets[0].recordId}`;
  for (const [name, base, headers] of [
    ["console", CONSOLE, session ? { cookie: session.header } : {}],
    ["plain proxy", PLAIN, {}],
    ["bare Next.js app", NEXT_FLOOR, {}],
  ]) {
    const probe = await fetch(`${base}${readPath}`, { headers, signal: AbortSignal.timeout(30_000) });
    if (!probe.ok) throw new Error(`the ${name}'s record route answered ${probe.status}: ${(await probe.text()).slice(0, 300)}`);
  }
  results.data = { totalApps, benchTasks: tasks.length, readTargets: readTargets.length, startTasks: tasks.length };
  say(`simulator: ${totalApps} apps; reads round-robin over ${readTargets.length} records, starts over ${tasks.length} tasks`);
  const makers = requestMakers({ sign, session, readTargets, startTasks: tasks });

  // Pages (3) and scale (4) first, while the machine is as quiet as it was at the start: Lighthouse is the most
  // sensitive to other load. They share the data set: a fresh seed, then 500 records for one task.
  if (want(3) || want(4)) await pagesAndScale(results, { sign, session, historyTask });
  // 1 + 5
  if (want(1)) {
    noteLoad("step 1");
    const sampler = sampleRss(consoleProc.pid);
    results.overhead = await overhead(makers);
    results.memory.step1 = sampler.stop();
  }
  // 2 + 5
  if (want(2)) {
    noteLoad("step 2");
    const sampler = sampleRss(consoleProc.pid);
    results.saturation = await saturation(makers);
    results.memory.step2 = sampler.stop();
  }
  return finish(results, consoleProc);
}

async function pagesAndScale(results, { sign, session, historyTask }) {
  noteLoad("data set");
  say(`data for 3 and 4: reset, ${CFG.historyRecords} records for task ${historyTask.name}…`);
  await simAdmin("POST", "/__sim/reset");
  const headers = session ? { cookie: session.header } : {};
  const to = upstreamToday();
  const before = (await timedJson(`${CONSOLE}/api/tasks/${historyTask.taskId}/records?from=${addDays(to, -(CFG.historyDays - 1))}&to=${to}&size=1`, headers))
    .json.total;
  const filled = await fillHistory(sign, historyTask.taskId, before, CFG.historyRecords);
  await sleep(200); // the last record finishes (1 ms steps)
  const scale = { historyTask: historyTask.name, seededRecords: before, startedRecords: filled.created, refusedWhileRunning: filled.refused };
  const recordId = await latestRecordOf(sign, historyTask.taskId);
  const pagePaths = [
    { name: "picker", route: "/apps", path: "/apps" },
    { name: "task", route: "/tasks/[taskId]", path: `/tasks/${historyTask.taskId}` },
    { name: "record", route: "/tasks/[taskId]/records/[recordId]", path: `/tasks/${historyTask.taskId}/records/${recordId}` },
  ];

  if (want(3)) {
    noteLoad("step 3 (Lighthouse)");
    say(`3. pages: Lighthouse ${results.machine.versions.lighthouse}, ${CFG.lhRuns} mobile + ${CFG.lhDesktopRuns} desktop run(s) per page…`);
    results.lighthouse = await lighthousePages(pagePaths, session);
    say("   the bare Next.js app's page, mobile…");
    results.lighthouseFloor = await lighthousePages([{ name: "bare Next.js", route: "/", path: "/" }], null, { base: NEXT_FLOOR, desktopRuns: 0 });
  }

  noteLoad(want(4) ? "step 4" : "step 3 (cross-check)");
  const browser = await openBrowser(CONSOLE, session);
  try {
    if (want(3)) {
      // Does the browser load exactly the files the build-output method counts?
      results.crossCheck = [];
      for (const p of pagePaths) {
        const loaded = await scriptsBeforeLoad(browser.context, `${CONSOLE}${p.path}`);
        const counted = results.bundles.routes.find((r) => r.route === p.route)?.files ?? [];
        results.crossCheck.push({ ...p, loaded, missing: counted.filter((f) => !loaded.includes(f)), extra: loaded.filter((f) => !counted.includes(f)) });
      }
    }
    if (want(4)) {
      say("4. scale of data…");
      scale.history = await historyTimings(historyTask.taskId, session);
      say(`  history over ${CFG.historyDays} days (${scale.history.total} records): first page of 100 median ${median(scale.history.firstPage).toFixed(1)} ms`);
      scale.picker = await pickerFirstRows(browser.context, CONSOLE, CFG.pickerRuns);
      say(`  picker first rows: cold ${scale.picker.cold.toFixed(0)} ms, warm median ${median(scale.picker.warm).toFixed(0)} ms`);
      scale.search = await searchKeystroke(browser.context, CONSOLE, [
        { prefix: "bench-app-00", key: "1" },
        { prefix: "bench-app-01", key: "2" },
        { prefix: "bench-app-00", key: "7" },
        { prefix: "bench-app-01", key: "5" },
        { prefix: "bench-app-00", key: "9" },
      ]);
      say(`  search keystroke → list: median ${scale.search.median.toFixed(0)} ms (server answer shown: ${scale.search.confirmedMedian.toFixed(0)} ms)`);
      results.scale = scale;
    }
  } finally {
    await browser.close();
  }
}

async function finish(results, consoleProc) {
  results.memory.end = treeRss(consoleProc.pid);

  noteLoad("end");
  results.finishedAt = new Date().toISOString();
  results.totalSeconds = (Date.now() - started) / 1000;
  await cleanup();

  const doc = renderReport(results);
  writeFileSync(resolve(root, CFG.doc), doc);
  const raw = join(tmpdir(), `codearts-bench-${Date.now()}.json`);
  writeFileSync(raw, JSON.stringify(results, null, 1));
  console.log(`\n${summaryLines(results).join("\n")}\n\nWrote ${CFG.doc} (raw figures: ${raw}) in ${results.totalSeconds.toFixed(0)} s.`);
}

main().catch(async (err) => {
  console.error(`\nbench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  await cleanup();
  process.exit(1);
});
