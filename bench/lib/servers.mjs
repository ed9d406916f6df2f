// The processes under measure, each started and awaited until it answers: the CodeArts Deploy simulator (and its admin
// API), the console (cloud mode, pointed at the simulator), and the two floors, the plain Node.js proxy and the bare
// Next.js app.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { tsImport } from "tsx/esm/api";
import { withHeapLimit } from "../../scripts/heap.mjs";
import { ADMIN_TOKEN, CFG, CONSOLE, NEXT_FLOOR, NEXT_FLOOR_DIR, PLAIN, SIM } from "./config.mjs";
import { work } from "./context.mjs";
import { startProcess, waitForHttp } from "./procs.mjs";

export async function simAdmin(method, path, body) {
  const r = await fetch(`${SIM}${path}`, {
    method,
    headers: { "x-sim-admin": ADMIN_TOKEN, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(15_000),
  });
  if (!r.ok) throw new Error(`simulator ${method} ${path} answered ${r.status}: ${await r.text()}`);
  return r.json().catch(() => null);
}

export async function startSimulator() {
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

export function consoleEnv(demo) {
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

export async function startConsole(env) {
  // E.g. BENCH_CONSOLE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" for a CPU profile of the console (not
  // allowed in NODE_OPTIONS); written when the console stops at the end of the run.
  const nodeArgs = (process.env.BENCH_CONSOLE_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const proc = startProcess(
    "console",
    process.execPath,
    // The console's own server (what `npm start` runs), not `next start`: it stamps the socket's address.
    [...nodeArgs, "scripts/server.mjs"],
    { env: { ...env, PORT: String(CFG.consolePort), HOSTNAME_BIND: "127.0.0.1" } },
  );
  await waitForHttp(proc, `${CONSOLE}/api/health`, 90_000);
  return proc;
}

/** The floors' settings (bench/lib/floor-proxy.mjs): the simulator, its demo AK/SK, the console's task-detail reuse. */
async function floorEnv(demo) {
  return {
    ...process.env,
    FLOOR_TASK_TTL_MS: String((await tsImport("../../lib/codearts/tasks.ts", import.meta.url)).TASK_INFO_TTL_MS),
    UPSTREAM: SIM,
    CLOUD_SDK_AK: demo.DEMO_AK,
    CLOUD_SDK_SK: demo.DEMO_SK,
    CLOUD_SDK_PROJECT_ID: demo.DEMO_IAM_PROJECT_ID,
  };
}

export async function startPlainProxy(demo) {
  const proc = startProcess("plain-proxy", process.execPath, ["bench/plain-proxy.mjs"], {
    env: { ...(await floorEnv(demo)), PLAIN_PROXY_PORT: String(CFG.plainPort) },
  });
  await waitForHttp(proc, `${PLAIN}/health`, 30_000);
  return proc;
}

/** The bare Next.js app, started like the console (`next start`, production, the same heap limits). */
export async function startNextFloor(demo) {
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
