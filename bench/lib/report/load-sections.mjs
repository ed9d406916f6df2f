// Sections 1 (proxy overhead) and 2 (saturation) of the document: the load runs of every side, their medians, their
// CPU per request and every run in a folded table. Each renderer returns its section's lines.
import { fmt, median, medRange } from "../stats.mjs";
import { cpu, loadTable, pair, saturationCpu, sideSummary, signed } from "./format.mjs";

/** One row of the overhead table: a side's summary and what it adds over the direct runs. */
const addedRow = (name, directCell, x, direct) =>
  `| ${name} | ${directCell} | ${sideSummary(x)} | p50 ${signed(
    pair(x, direct, (a, b) => a.p50 - b.p50),
    2,
  )} ms · p99 ${signed(
    pair(x, direct, (a, b) => a.p99 - b.p99),
    2,
  )} ms · ratio ${medRange(
    pair(x, direct, (a, b) => a.rps / b.rps),
    3,
  )} |`;

/** Reads and starts: direct, the console and the floors, with what each adds over direct. */
function overheadTable(o) {
  const L = [];
  L.push(`| | direct | console | added (per run, median and range) |\n|---|---|---|---|`);
  const rd = o.reads.direct;
  const sd = o.starts.direct;
  L.push(addedRow("reads", sideSummary(rd), o.reads.console, rd));
  L.push(addedRow("starts", sideSummary(sd), o.starts.console, sd));
  for (const [kind, side, name, direct] of [
    ["reads", "next", "reads, bare Next.js app", rd],
    ["reads", "plain", "reads, plain Node.js proxy", rd],
    ["starts", "next", "starts, bare Next.js app", sd],
    ["starts", "plain", "starts, plain Node.js proxy", sd],
  ]) {
    const x = o[kind][side];
    if (x?.length) L.push(addedRow(name, "(as above)", x, direct));
  }
  return L;
}

/** CPU ms per answered request of the proxying process, the simulator and the load generator, per side. */
function overheadCpuTable(o) {
  const L = [];
  const row = (name, runs, proxy) => `| ${name} | ${proxy ? `${cpu(runs, proxy)} ms` : "—"} | ${cpu(runs, "simulator")} ms | ${cpu(runs, "loadgen")} ms |`;
  L.push(
    "CPU time per answered request (user + system, from /proc/<pid>/stat over each run; unlike latency and throughput it does not depend on what else the machine runs):",
  );
  L.push("");
  L.push("| | console process | simulator process | load generator |\n|---|---:|---:|---:|");
  for (const kind of ["reads", "starts"]) {
    const runs = o[kind];
    L.push(row(`${kind} via the console`, runs.console, "console"));
    L.push(row(`${kind} direct`, runs.direct, null));
    if (runs.next?.length) L.push(row(`${kind} via the bare Next.js app`, runs.next, "next"));
    if (runs.plain?.length) L.push(row(`${kind} via the plain Node.js proxy`, runs.plain, "plain"));
  }
  return L;
}

/** 1: reads and starts at the configured upstream latency, direct beside the console and the floors. */
export function overheadSection(r) {
  const L = [];
  const o = r.overhead;
  if (!o) return L;
  const c = r.config;
  L.push(`## 1. Proxy overhead (upstream latency ${c.latencyMs} ms)`);
  L.push("");
  L.push(
    `A simulator fault rule \`{ latencyMs: ${c.latencyMs} }\` without a path delays every upstream call. autocannon, ${c.connections} connections, ${c.durationS} s per run, ${c.runs} run(s) per side, direct, console, bare Next.js app and plain proxy alternating (the floors: see above), after a short warm-up. Latency percentiles are computed from every 2xx response time (autocannon's own histogram has 1 ms resolution); other statuses are counted apart.`,
  );
  L.push("");
  L.push(
    `- **Reads**: direct = \`GET /v2/tasks/{t}/state?record_id={r}&step_state=true\` on the simulator, each request signed anew (SDK-HMAC-SHA256 with the official signer, like the console); console = \`GET /api/tasks/{t}/records/{r}\` with the session cookie. Round-robin over ${r.data.readTargets} finished records of ${r.data.readTasks ?? "different"} tasks, every record once before any again: more records than the console keeps finished statuses of (1,000, lib/codearts/records.ts), so every read goes upstream like the floors' (section 7 measures the reads it answers from what it keeps). The console's record route makes one upstream call per read (ShowDeployStatus, delayed ${c.latencyMs} ms like the direct side's), plus ShowDeployTaskDetail in parallel (task name, AOM components) at most once per task per 30 s (lib/codearts/tasks.ts).`,
  );
  L.push(
    `- **Starts**: direct = signed \`POST /v2/tasks/{t}/start\` with \`{}\` (what the console sends upstream for a start without parameters); console = \`POST /api/tasks/{t}/start\` with \`{"params":[]}\`, a new \`Idempotency-Key\` per request. Round-robin over ${r.data.startTasks} generated tasks with 1 ms steps, so a task's previous record has always finished; a start that still met a running deployment (400 Deploy.00011027) would be counted under non-2xx.`,
  );
  L.push("");
  L.push(...overheadTable(o));
  L.push("");
  L.push(...overheadCpuTable(o));
  L.push("");
  const rc = o.reads.console;
  const rd = o.reads.direct;
  L.push(
    `At ${c.connections} connections a closed-loop load can only reach the direct throughput if the console keeps up: with ${cpu(rc, "console")} CPU ms per read, one core serves at most about ${fmt(1000 / median(rc.map((x) => x.cpuPerOk?.console ?? Number.NaN)), 0)} reads/s, while the direct side ran at ${fmt(median(rd.map((x) => x.rps)), 0)} req/s.`,
  );
  L.push("");
  L.push("<details><summary>Every run</summary>\n");
  L.push("Reads\n");
  L.push(loadTable(Object.entries(o.reads).flatMap(([side, runs]) => runs.map((x, i) => [side, i + 1, x]))));
  L.push("\nStarts\n");
  L.push(loadTable(Object.entries(o.starts).flatMap(([side, runs]) => runs.map((x, i) => [side, i + 1, x]))));
  L.push("\n</details>");
  L.push("");
  return L;
}

/** Each side's best connection count and its repeated runs; direct and Next.js alone from their sweeps. */
function saturationTable(s) {
  const L = [];
  L.push(
    "| | best connections | max req/s at p99 < 100 ms | p50 ms | p99 ms | proxy CPU ms per read | simulator CPU ms per read |\n|---|---:|---:|---:|---:|---:|---:|",
  );
  for (const side of ["console", "next", "plain"]) {
    const runs = s.confirm[side];
    if (!runs?.length) continue;
    L.push(
      `| ${{ plain: "plain proxy (floor)", next: "bare Next.js app", console: "console" }[side]} | ${s.best[side] ?? "n/a"} | ${medRange(
        runs.map((x) => x.rps),
        0,
      )} | ${medRange(
        runs.map((x) => x.p50),
        2,
      )} | ${medRange(
        runs.map((x) => x.p99),
        2,
      )} | ${cpu(runs, side)} | ${cpu(runs, "simulator")} |`,
    );
  }
  const d = s.sweep.direct?.find((x) => x.connections === s.best.direct);
  if (d)
    L.push(
      `| simulator direct (sweep, 1 run) | ${s.best.direct} | ${fmt(d.rps, 0)} | ${fmt(d.p50, 2)} | ${fmt(d.p99, 2)} | — | ${fmt(d.cpuPerOk?.simulator, 2)} |`,
    );
  const f = s.sweep.framework?.find((x) => x.connections === s.best.framework);
  if (f)
    L.push(
      `| Next.js alone: console \`GET /api/health\` (sweep, 1 run) | ${s.best.framework} | ${fmt(f.rps, 0)} | ${fmt(f.p50, 2)} | ${fmt(f.p99, 2)} | ${fmt(f.cpuPerOk?.console, 2)} | — |`,
    );
  return L;
}

/** 2: the read route at growing concurrency and 0 ms latency, the console beside the floors. */
export function saturationSection(r) {
  const L = [];
  const s = r.saturation;
  if (!s) return L;
  const c = r.config;
  L.push("## 2. Saturation (upstream latency 0)");
  L.push("");
  L.push(
    `The read route at growing concurrency (${c.sweepConnections.join(", ")} connections, ${c.sweepS} s each, stopping after two steps in a row with p99 ≥ ${c.p99LimitMs} ms, or at a failed request); the best connection count (highest 2xx req/s with p99 < ${c.p99LimitMs} ms) is then run ${c.runs} × ${c.confirmS} s, console, plain proxy and bare Next.js app alternating. **Plain proxy** = \`bench/plain-proxy.mjs\`: a node:http server that, for the same URL, makes the same upstream calls (ShowDeployStatus on every read, ShowDeployTaskDetail in parallel once per task per 30 s, as the console does) through the console's own transport (callRaw of lib/codearts/http.ts: the official SDK signer, node:http keep-alive), and answers a small JSON — no framework, session, validation or reshaping: the floor of what any proxy costs. **Bare Next.js app** = \`bench/next-floor\`: the same calls and answer in a Next.js route handler, nothing else. **Direct** = the simulator's own state call (one call), for scale. **Next.js alone** = the console's \`GET /api/health\`, swept the same way: what the framework costs per request before any of the console's own work.`,
  );
  L.push("");
  L.push(...saturationTable(s));
  L.push("");
  const cpuAll = (side) => saturationCpu(s, side);
  L.push(
    `CPU cost per read, median over every console and plain-proxy run of this step (sweep and repeats): console ${fmt(cpuAll("console"), 2)} ms, plain proxy ${fmt(cpuAll("plain"), 2)} ms — **${fmt(cpuAll("console") / cpuAll("plain"), 1)}×**. On dedicated cores the saturated throughput ratio follows this CPU ratio; on this shared ${r.machine.nproc}-CPU box the load generator and the simulator take their share too.`,
  );
  if (s.sweep.framework) {
    const fw = saturationCpu(s, "framework", "console");
    L.push("");
    L.push(
      `**Next.js's own floor.** \`GET /api/health\` on the same console process — a route handler that answers a constant JSON (with the security headers next.config.js adds to every /api answer; /api requests skip proxy.ts): no session, database, validation or upstream call — costs ${fmt(fw, 2)} ms CPU per request (median over its sweep), ${fmt(fw / cpuAll("plain"), 1)}× the plain proxy's *whole* read. The console's own work on a read (session, permission, database, signing, the upstream call, reshaping) is the rest: about ${fmt(cpuAll("console") - fw, 2)} ms, ${fmt((cpuAll("console") - fw) / cpuAll("plain"), 1)}× the plain proxy.`,
    );
  }
  L.push("");
  L.push("<details><summary>Sweeps</summary>\n");
  L.push(loadTable(Object.entries(s.sweep).flatMap(([side, runs]) => runs.map((x) => [side, `c=${x.connections}`, x]))));
  L.push("\n</details>");
  L.push("");
  return L;
}
