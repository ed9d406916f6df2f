#!/usr/bin/env node
// `npm start`: validate the environment, build when the sources are newer than the build, start the bundled
// CodeArts Deploy simulator when no CODEARTS_ENDPOINT is set (demo mode), then serve the console on PORT.
import { spawn, spawnSync } from "node:child_process";
import { tsImport } from "tsx/esm/api";
import { buildFreshness } from "./build-freshness.mjs";
import { withHeapLimit } from "./heap.mjs";

const root = new URL("..", import.meta.url).pathname;
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const { loadEnv, EnvError } = await tsImport("../lib/server/env-schema.ts", import.meta.url);
let config;
try {
  config = loadEnv(process.env);
} catch (err) {
  if (err instanceof EnvError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const { builtAt, stale } = buildFreshness(root);
if (stale) {
  console.log(builtAt === 0 ? "No build found: building the console…" : "Sources changed since the last build: rebuilding…");
  const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const children = [];
const exited = (c) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise((r) => c.once("exit", r)));
let stopping = false;
/** Newest first (the console drains its requests, which may still call the simulator), each awaited, then exit. */
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const c of [...children].reverse()) {
    if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
    await Promise.race([exited(c), new Promise((r) => setTimeout(r, 40_000).unref())]);
  }
  process.exit(code);
}
process.on("SIGINT", () => stopAll(130));
process.on("SIGTERM", () => stopAll(143));

async function waitFor(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return true;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return false;
}

if (config.mode === "demo") {
  const sim = spawn(process.execPath, ["--import", "tsx", "lib/codearts/simulator/main.ts"], {
    stdio: "inherit",
    env: { ...process.env, SIMULATOR_PORT: String(config.simulatorPort) },
  });
  children.push(sim);
  sim.on("exit", (code) => {
    if (stopping) return; // stopped by us, after the console
    console.error(`The simulator stopped (exit ${code}); stopping the console.`);
    stopAll(code || 1);
  });
  if (!(await waitFor(`${config.endpoint}/__sim/health`, 30_000))) {
    console.error(`The simulator did not come up on ${config.endpoint} (is port ${config.simulatorPort} in use? set SIMULATOR_PORT).`);
    stopAll(1);
  }
}

const port = process.env.PORT ?? "3000";
const hostname = process.env.HOSTNAME_BIND ?? "0.0.0.0";
const web = spawn(process.execPath, ["scripts/server.mjs"], {
  stdio: "inherit",
  env: { ...process.env, PORT: port, HOSTNAME_BIND: hostname, NODE_OPTIONS: withHeapLimit(process.env.NODE_OPTIONS) },
});
children.push(web);
web.on("exit", (code) => stopAll(code ?? 1));
if (await waitFor(`http://127.0.0.1:${port}/api/health`, 60_000)) {
  const mode = config.mode === "demo" ? `demo mode, simulator on ${config.endpoint}` : `upstream ${config.endpoint}`;
  console.log(`\nCodeArts Deploy Console is ready: http://localhost:${port}  (${mode})`);
  if (config.mode === "demo") {
    console.log(`Sign in as admin@demo.local, dev@demo.local or viewer@demo.local, password ${config.auth.demoPassword}`);
  }
  console.log("");
}
