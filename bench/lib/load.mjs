// autocannon (programmatic API) with our own latency record: every response time is kept as a float (autocannon's
// own histogram has 1 ms resolution, too coarse for "added p50 ≤ 2 ms"), percentiles are computed over 2xx answers
// only, and everything else is counted apart.
import autocannon from "autocannon";
import { cpuMs } from "./procs.mjs";
import { percentile } from "./stats.mjs";

const MAX_SAMPLES = 3_000_000;

/**
 * One fixed-duration run.
 * @param {object} o
 * @param {string} o.url          base URL (http://127.0.0.1:port)
 * @param {number} o.connections
 * @param {number} o.durationS
 * @param {() => {method: string, path: string, headers: Record<string,string>, body?: string}} o.next
 *        builds each request (signing, idempotency keys, round-robin ids)
 * @param {Record<string, number>} [o.watch] processes (name → pid) whose CPU time is measured over the run:
 *        CPU ms per 2xx answer does not depend on what else runs on the machine, unlike latency and throughput.
 */
export async function runLoad({ url, connections, durationS, next, timeoutS = 10, watch = {} }) {
  const cpuBefore = Object.fromEntries(Object.entries(watch).map(([name, pid]) => [name, cpuMs(pid)]));
  const latencies = [];
  const statuses = {};
  let ok = 0;
  let other = 0;
  const instance = autocannon({
    url,
    connections,
    duration: durationS,
    timeout: timeoutS,
    pipelining: 1,
    requests: [
      {
        setupRequest: (req) => {
          const r = next();
          return { ...req, method: r.method, path: r.path, headers: r.headers, body: r.body };
        },
      },
    ],
  });
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    if (statusCode >= 200 && statusCode < 300) {
      ok++;
      if (latencies.length < MAX_SAMPLES) latencies.push(responseTime);
    } else other++;
  });
  const result = await instance;
  const seconds = result.duration || durationS;
  const cpuPerOk = Object.fromEntries(Object.entries(watch).map(([name, pid]) => [name, ok > 0 ? (cpuMs(pid) - cpuBefore[name]) / ok : Number.NaN]));
  return {
    connections,
    durationS: seconds,
    ok,
    non2xx: other,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
    rps: ok / seconds,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    cpuPerOk,
    mean: latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : Number.NaN,
  };
}

/** One line on a run of runLoad for the progress log: throughput, latency, failures, CPU per answer of each process. */
export const brief = (x) =>
  `${x.rps.toFixed(0)} req/s, p50 ${x.p50.toFixed(2)} ms, p99 ${x.p99.toFixed(2)} ms${x.non2xx ? `, non-2xx ${x.non2xx}` : ""}${x.errors ? `, errors ${x.errors}` : ""}; CPU ms/req ${Object.entries(
    x.cpuPerOk,
  )
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(", ")}`;
