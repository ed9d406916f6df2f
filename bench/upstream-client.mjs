#!/usr/bin/env node
// `node bench/upstream-client.mjs`: the CPU one signed upstream call costs the calling process, with Node's fetch
// and with undici's request (what lib/codearts/http.ts uses), against the simulator in its own process. Both are
// signed with the official SDK signer, carry a timeout signal and read the body as text, like the console.
// Interleaved rounds (fetch, request, fetch, …) so a busy or noisy machine affects both alike; medians printed.
// Settings: UPSTREAM_BENCH_PORT (9510), UPSTREAM_BENCH_ROUNDS (5), UPSTREAM_BENCH_CALLS (2000 per round),
// UPSTREAM_BENCH_CONCURRENCY (4).
import { tsImport } from "tsx/esm/api";
import { request } from "undici";
import { startProcess, stopAll, waitForHttp } from "./lib/procs.mjs";
import { makeSigner } from "./lib/sign.mjs";
import { median } from "./lib/stats.mjs";

const num = (name, dflt) => Number(process.env[name] ?? dflt);
const port = num("UPSTREAM_BENCH_PORT", 9510);
const rounds = num("UPSTREAM_BENCH_ROUNDS", 5);
const calls = num("UPSTREAM_BENCH_CALLS", 2000);
const concurrency = num("UPSTREAM_BENCH_CONCURRENCY", 4);
const base = `http://127.0.0.1:${port}`;
process.chdir(new URL("..", import.meta.url).pathname);

const demo = await tsImport("../lib/codearts/simulator/demo.ts", import.meta.url);
const { SEED } = await tsImport("../lib/codearts/simulator/seed.ts", import.meta.url);
const sign = makeSigner({ ak: demo.DEMO_AK, sk: demo.DEMO_SK, projectId: demo.DEMO_IAM_PROJECT_ID });
const spec = { base, method: "GET", path: `/v2/tasks/${SEED.apps.orders.taskId}` };

function signed() {
  const r = sign(spec);
  const headers = { ...r.headers };
  delete headers.host;
  return { url: r.url, headers };
}

const clients = {
  async fetch() {
    const { url, headers } = signed();
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(10_000), redirect: "error" });
    if (res.status !== 200) throw new Error(`fetch: HTTP ${res.status}`);
    return JSON.parse(await res.text());
  },
  async request() {
    const { url, headers } = signed();
    const res = await request(url, { headers, signal: AbortSignal.timeout(10_000) });
    if (res.statusCode !== 200) throw new Error(`request: HTTP ${res.statusCode}`);
    return JSON.parse(await res.body.text());
  },
};

/** CPU ms of this process per call, `calls` calls at `concurrency` in flight. */
async function cpuPerCall(fn) {
  let left = calls;
  const c0 = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (left-- > 0) await fn();
  }));
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / calls;
}

const sim = startProcess("simulator", process.execPath, ["--import", "tsx", "lib/codearts/simulator/main.ts"], {
  env: { ...process.env, SIMULATOR_PORT: String(port), SIMULATOR_HOST: "127.0.0.1" },
});
try {
  await waitForHttp(sim, `${base}/__sim/health`, 60_000);
  const seen = { fetch: [], request: [] };
  for (const fn of Object.values(clients)) for (let i = 0; i < 300; i++) await fn(); // warm-up
  for (let r = 0; r < rounds; r++) for (const [name, fn] of Object.entries(clients)) seen[name].push(await cpuPerCall(fn));
  const fmt = (xs) => `${median(xs).toFixed(3)} ms (${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)})`;
  console.log(`CPU per signed upstream call, ${rounds} rounds × ${calls} calls, ${concurrency} in flight (median, range):`);
  console.log(`  fetch            ${fmt(seen.fetch)}`);
  console.log(`  undici request   ${fmt(seen.request)}`);
  console.log(`  saved per call   ${(median(seen.fetch) - median(seen.request)).toFixed(3)} ms`);
} finally {
  await stopAll();
}
