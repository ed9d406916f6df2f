// docs/BENCHMARKS.md and the printed summary, from the results object of bench/run.mjs.
import { fmt, median, medRange, range } from "./stats.mjs";

const MB = 1_000_000;
const kb = (bytes) => (bytes / 1000).toFixed(1);
const yes = (ok) => (ok === null || ok === undefined ? "n/a" : ok ? "**met**" : "**not met**");
const pair = (a, b, f) => a.map((x, i) => (b[i] ? f(x, b[i]) : Number.NaN));
/** medRange with an explicit sign on the median ("+1.20 (0.90–1.50)", "-0.30 (…)"). */
const signed = (values, d) => {
  const text = medRange(values, d);
  return median(values) >= 0 ? `+${text}` : text;
};

/** Step 2: median CPU ms per answer of process `proc` (default: the side itself) over a side's sweep and repeats. */
const saturationCpu = (s, side, proc = side) => median(s.sweep[side].concat(s.confirm[side] ?? []).map((x) => x.cpuPerOk?.[proc] ?? Number.NaN));

/** Every target with its figure, in one place (used by the document and the summary). */
function targets(r) {
  const out = [];
  const o = r.overhead;
  if (o) {
    const rd = o.reads.direct;
    const rc = o.reads.console;
    const addP50 = pair(rc, rd, (c, d) => c.p50 - d.p50);
    const addP99 = pair(rc, rd, (c, d) => c.p99 - d.p99);
    const ratio = pair(rc, rd, (c, d) => c.rps / d.rps);
    out.push({ area: "1 reads", what: "added p50", target: "≤ 2 ms", value: `${signed(addP50, 2)} ms`, ok: median(addP50) <= 2 });
    out.push({ area: "1 reads", what: "added p99", target: "≤ 10 ms", value: `${signed(addP99, 2)} ms`, ok: median(addP99) <= 10 });
    out.push({ area: "1 reads", what: "throughput ratio console/direct", target: "≥ 0.95", value: medRange(ratio, 3), ok: median(ratio) >= 0.95 });
    const addStart = pair(o.starts.console, o.starts.direct, (c, d) => c.p50 - d.p50);
    out.push({ area: "1 starts", what: "added p50", target: "≤ 5 ms", value: `${signed(addStart, 2)} ms`, ok: median(addStart) <= 5 });
  }
  const s = r.saturation;
  if (s) {
    const c = median(s.confirm.console.map((x) => x.rps));
    const p = median(s.confirm.plain.map((x) => x.rps));
    out.push({
      area: "2 saturation",
      what: "plain-proxy floor / console (max req/s at p99 < 100 ms)",
      target: "≤ 2×",
      value: Number.isFinite(p / c) ? `${fmt(p / c, 2)}× (${fmt(p, 0)} vs ${fmt(c, 0)} req/s)` : `n/a (console ${fmt(c, 0)}, plain ${fmt(p, 0)} req/s)`,
      ok: Number.isFinite(p / c) ? p / c <= 2 : null,
    });
    const cpuAll = (side) => saturationCpu(s, side);
    const ratio = cpuAll("console") / cpuAll("plain");
    out.push({
      area: "2 saturation",
      what: "supplementary: CPU per read, console / plain proxy",
      target: "≤ 2×",
      value: `${fmt(ratio, 1)}× (${fmt(cpuAll("console"), 2)} vs ${fmt(cpuAll("plain"), 2)} ms)`,
      ok: Number.isFinite(ratio) ? ratio <= 2 : null,
    });
  }
  const task = r.bundles?.routes.find((x) => x.route === "/tasks/[taskId]");
  if (task) out.push({ area: "3 pages", what: "task page first-load JS", target: "≤ 130 kB gz", value: `${kb(task.gzip)} kB`, ok: task.gzip <= 130_000 });
  for (const p of r.lighthouse ?? []) {
    const perf = median(p.runs.map((x) => x.performance));
    const a11y = median(p.runs.map((x) => x.accessibility));
    out.push({
      area: "3 pages",
      what: `Lighthouse performance, ${p.name}`,
      target: "≥ 98",
      value: medRange(
        p.runs.map((x) => x.performance),
        0,
      ),
      ok: Number.isFinite(perf) ? perf >= 98 : null,
    });
    out.push({
      area: "3 pages",
      what: `Lighthouse accessibility, ${p.name}`,
      target: "100",
      value: medRange(
        p.runs.map((x) => x.accessibility),
        0,
      ),
      ok: Number.isFinite(a11y) ? a11y >= 100 : null,
    });
  }
  const sc = r.scale;
  if (sc?.picker)
    out.push({
      area: "4 scale",
      what: "picker time to first rows (warm)",
      target: "≤ 300 ms",
      value: `${medRange(sc.picker.warm, 0)} ms`,
      ok: median(sc.picker.warm) <= 300,
    });
  if (sc?.search)
    out.push({
      area: "4 scale",
      what: "search keystroke → updated list",
      target: "≤ 50 ms",
      value: `${medRange(
        sc.search.trials.map((t) => t.ms),
        0,
      )} ms`,
      ok: sc.search.median <= 50,
    });
  const confirmed = sc?.search?.trials.map((t) => t.confirmedMs).filter((x) => x !== undefined) ?? [];
  if (confirmed.length > 0)
    out.push({
      area: "4 scale",
      what: "supplementary: search keystroke → server's answer shown",
      target: "≤ 50 ms",
      value: `${medRange(confirmed, 0)} ms`,
      ok: median(confirmed) <= 50,
    });
  if (sc?.history)
    out.push({
      area: "4 scale",
      what: `history over ${r.config.historyDays} days, first page of 100 (API)`,
      target: "≤ 1 s",
      value: `${medRange(sc.history.firstPage, 0)} ms`,
      ok: median(sc.history.firstPage) <= 1000,
    });
  const m = r.memory;
  if (m?.step1 || m?.step2) {
    const peak = Math.max(...(m.step1 ?? []), ...(m.step2 ?? []));
    out.push({ area: "5 memory", what: "console RSS peak during 1 and 2", target: "≤ 250 MB", value: `${fmt(peak / MB, 0)} MB`, ok: peak <= 250 * MB });
  }
  return out;
}

/**
 * The same measures for the console and the two floors that make the same upstream calls: a bare Next.js app
 * (bench/next-floor) and a plain Node.js proxy (bench/plain-proxy.mjs). Where the bare Next.js app misses a target
 * too, no Next.js app meets it on this machine.
 */
function floors(r) {
  const rows = [];
  const SIDES = ["console", "next", "plain"];
  const ms = (v) => `${v >= 0 ? "+" : ""}${fmt(v, 2)} ms`;
  for (const [kind, o, one] of [
    ["reads", r.overhead?.reads, "read"],
    ["starts", r.overhead?.starts, "start"],
  ]) {
    if (!o?.next?.length || !o?.plain?.length) continue;
    const added = (side, k) => median(pair(o[side], o.direct, (a, b) => a[k] - b[k]));
    const ratio = (side) => median(pair(o[side], o.direct, (a, b) => a.rps / b.rps));
    rows.push({
      what: `1 ${kind}: added p50 (${r.config.latencyMs} ms upstream, ${r.config.connections} connections)`,
      target: kind === "reads" ? "≤ 2 ms" : "≤ 5 ms",
      values: SIDES.map((x) => ms(added(x, "p50"))),
    });
    if (kind === "reads") {
      rows.push({ what: "1 reads: added p99", target: "≤ 10 ms", values: SIDES.map((x) => ms(added(x, "p99"))) });
      rows.push({ what: "1 reads: throughput ratio to direct", target: "≥ 0.95", values: SIDES.map((x) => fmt(ratio(x), 3)) });
    }
    rows.push({ what: `1 ${kind}: CPU ms per ${one}`, target: "", values: SIDES.map((x) => fmt(median(o[x].map((y) => y.cpuPerOk?.[x] ?? Number.NaN)), 2)) });
  }
  const s = r.saturation;
  if (s?.confirm?.next?.length) {
    const rps = (side) => median(s.confirm[side].map((x) => x.rps));
    const floor = rps("plain");
    rows.push({
      what: "2 saturation: max req/s at p99 < 100 ms",
      target: `≥ ½ plain (${fmt(floor / 2, 0)})`,
      values: SIDES.map((x) => `${fmt(rps(x), 0)} (${fmt(floor / rps(x), 1)}×)`),
    });
    rows.push({ what: "2 saturation: CPU ms per read", target: "", values: SIDES.map((x) => fmt(saturationCpu(s, x), 2)) });
  }
  const task = r.bundles?.routes.find((x) => x.route === "/tasks/[taskId]");
  const bare = r.floorBundles?.routes.find((x) => x.route === "/");
  if (task && bare) rows.push({ what: "3 first-load JS kB gz (console: task page)", target: "≤ 130", values: [kb(task.gzip), kb(bare.gzip), "—"] });
  const lf = r.lighthouseFloor?.[0];
  if (r.lighthouse?.length && lf?.runs.length) {
    const perf = r.lighthouse.map((p) => `${p.name} ${fmt(median(p.runs.map((x) => x.performance)), 0)}`).join(", ");
    rows.push({
      what: "3 Lighthouse mobile performance",
      target: "≥ 98",
      values: [
        perf,
        medRange(
          lf.runs.map((x) => x.performance),
          0,
        ),
        "—",
      ],
    });
    rows.push({
      what: "3 Lighthouse TBT ms",
      target: "",
      values: [
        r.lighthouse.map((p) => `${p.name} ${fmt(median(p.runs.map((x) => x.tbt)), 0)}`).join(", "),
        medRange(
          lf.runs.map((x) => x.tbt),
          0,
        ),
        "—",
      ],
    });
  }
  return rows;
}

const CPU_OF = ["console", "next", "plain", "simulator", "loadgen"];

function loadTable(rows) {
  const head = `| side | run | req/s (2xx) | p50 ms | p90 ms | p99 ms | non-2xx | errors | CPU ms per 2xx answer: ${CPU_OF.join(" · ")} |\n|---|---|---:|---:|---:|---:|---:|---:|---|`;
  return [
    head,
    ...rows.map(
      ([side, i, x]) =>
        `| ${side} | ${i} | ${fmt(x.rps, 0)} | ${fmt(x.p50, 2)} | ${fmt(x.p90, 2)} | ${fmt(x.p99, 2)} | ${x.non2xx}${
          x.non2xx
            ? ` (${Object.entries(x.statuses)
                .filter(([k]) => !k.startsWith("2"))
                .map(([k, v]) => `${k}: ${v}`)
                .join(", ")})`
            : ""
        } | ${x.errors + x.timeouts} | ${CPU_OF.map((k) => fmt(x.cpuPerOk?.[k], 2)).join(" · ")} |`,
    ),
  ].join("\n");
}

/** Median CPU ms per 2xx answer of one process over runs. */
const cpu = (runs, who) =>
  medRange(
    runs.map((x) => x.cpuPerOk?.[who] ?? Number.NaN),
    2,
  );

function sideSummary(runs) {
  return `${medRange(
    runs.map((x) => x.rps),
    0,
  )} req/s · p50 ${medRange(
    runs.map((x) => x.p50),
    2,
  )} ms · p99 ${medRange(
    runs.map((x) => x.p99),
    2,
  )} ms`;
}

export function renderReport(r) {
  const L = [];
  const m = r.machine;
  const c = r.config;
  L.push("# Benchmarks");
  L.push("");
  L.push(
    `Generated by \`npm run bench\` (bench/run.mjs) on ${r.startedAt.slice(0, 16).replace("T", " ")} UTC in ${fmt(r.totalSeconds, 0)} s. Figures are **medians (min–max)** over ${c.runs} run(s) unless noted. Run it again to refresh this file; the raw figures of a run are written to a JSON file in the temp directory.`,
  );
  if (c.quick) L.push("\n> **Quick smoke run (BENCH_QUICK=1)**: short runs, not the reference figures.");
  if (c.only && c.only.length < 4) L.push(`\n> **Partial run (BENCH_ONLY=${c.only.join(",")})**: only these steps were measured.`);
  if (c.consoleNodeOptions)
    L.push(
      `\n> The console ran with NODE_OPTIONS=\`${c.consoleNodeOptions}\` (the heap limits \`npm start\` sets, scripts/heap.mjs, unless BENCH_CONSOLE_NODE_OPTIONS set others).`,
    );
  for (const n of r.notes ?? []) L.push(`\n> ${n}`);
  L.push("");
  L.push("## Machine");
  L.push("");
  L.push(`- CPU: ${m.nproc} × ${m.cpuModel} (\`nproc\`, /proc/cpuinfo); memory ${m.memTotalMiB} MiB; ${m.kernel}`);
  L.push(
    `- Node ${m.node}; next ${m.versions.next}, react ${m.versions.react}; autocannon ${m.versions.autocannon}; lighthouse ${m.versions.lighthouse}; @playwright/test ${m.versions.playwright}; ${m.chromium}`,
  );
  L.push(
    "- Everything on this one machine over loopback: load generator (autocannon, in the bench process), console, plain proxy and simulator share the CPUs, so the saturation figures are what this box can do, not what the console can do alone.",
  );
  L.push("");
  L.push("```");
  L.push(`$ free -m\n${m.free}`);
  L.push("```");
  L.push("");
  if (r.load?.length) {
    const phases = r.load.slice(1).map((x, i) => ({ phase: r.load[i].phase, share: x.foreignSincePrevious }));
    const busy = phases.filter((x) => x.share > 0.15);
    L.push(
      `CPU used by other processes than the benchmark's own (the whole machine from /proc/stat minus the bench's process tree), as a share of all CPUs: ${phases.map((x) => `${x.phase} ${fmt(x.share * 100, 0)} %`).join(" · ")}.${busy.length ? ` **Other work competed for the CPUs during ${busy.map((x) => x.phase).join(", ")}: those figures are pessimistic.**` : " The machine was otherwise idle."}`,
    );
    const steals = r.load.slice(1).map((x, i) => ({ phase: r.load[i].phase, share: x.stealSincePrevious ?? null }));
    if (steals.some((x) => x.share !== null)) {
      const stolen = steals.filter((x) => x.share !== null && x.share > 0.05);
      L.push("");
      L.push(
        `Steal time (the hypervisor running other guests while this machine's CPUs had work; part of the share above), as a share of all CPUs: ${steals.map((x) => `${x.phase} ${x.share === null ? "—" : `${fmt(x.share * 100, 0)} %`}`).join(" · ")}.${stolen.length ? ` **CPUs were taken away during ${stolen.map((x) => x.phase).join(", ")}: every process ran slower, so latencies, throughputs and Lighthouse scores are pessimistic and CPU per request may read high.**` : ""}`,
      );
    }
    L.push("");
    L.push(
      `Load average (1/5/15 min) at the start of each phase, the bench's own load included: ${r.load.map((x) => `${x.phase} ${x.loadavg.join("/")}`).join(" · ")}.`,
    );
    L.push("");
  }

  L.push("## Targets");
  L.push("");
  L.push("| area | measure | target | measured | |\n|---|---|---|---|---|");
  for (const t of targets(r)) L.push(`| ${t.area} | ${t.what} | ${t.target} | ${t.value} | ${yes(t.ok)} |`);
  L.push("");

  const fl = floors(r);
  if (fl.length) {
    L.push("## The floors: what the framework alone reaches");
    L.push("");
    L.push(
      "The same measures, in the same run, for two servers that make the console read and start routes' upstream calls through the console's own transport (callRaw of lib/codearts/http.ts: official SDK signer, node:http keep-alive) and do nothing else — no session, database, ledger, validation or reshaping (bench/lib/floor-proxy.mjs): a **bare Next.js app** (bench/next-floor: the same next, react and react-dom, default settings, two route handlers and one server-rendered page with no client component of its own) and a **plain Node.js** http server (bench/plain-proxy.mjs). Medians; saturation ratios are the plain proxy's req/s over each side's.",
    );
    L.push("");
    L.push("| measure | target | console | bare Next.js app | plain Node.js proxy |\n|---|---|---|---|---|");
    for (const x of fl) L.push(`| ${x.what} | ${x.target} | ${x.values.join(" | ")} |`);
    L.push("");
    L.push(
      "Where the bare Next.js app misses a target as well, the target is beyond what a Next.js route handler or page costs on this machine, before any of the console's own work; the console's share is the difference between its column and the bare app's.",
    );
    L.push("");
  }

  L.push("## Set-up");
  L.push("");
  L.push(
    `- The console runs as built (\`next start\`, one process) in **cloud mode** pointed at the bundled simulator with the simulator's demo AK/SK (CODEARTS_ENDPOINT, CODEARTS_REGION=cn-north-4, CODEARTS_PROJECT_ID, CLOUD_SDK_AK/SK, CLOUD_SDK_PROJECT_ID — no IAM project lookup), NEXTAUTH_URL/NEXTAUTH_SECRET and its own SQLite database in a temporary directory.`,
  );
  L.push(
    `- ${r.signedIn ? "Signed in: a local admin account is created in that database with `npm run user:add -- --email bench@bench.local --role admin` (password on stdin; cloud mode refuses the demo accounts), then next-auth's credentials sign-in gives the session cookie every console request carries. Starts also carry a same-origin `Origin` header and their own `Idempotency-Key`." : "**Not signed in** (no sign-in in this checkout)."}`,
  );
  L.push(
    `- Simulator (own process): ${c.apps} apps (\`SIMULATOR_APPS\`), \`SIMULATOR_STEP_MS=1\` (records finish within milliseconds), admin API on for the fault rule and the reset. Ports: simulator ${c.simPort}, console ${c.consolePort}, plain proxy ${c.plainPort}, bare Next.js app ${c.nextPort ?? "—"}, Chromium debugging ${c.chromePort}.`,
  );
  L.push(`- Build: ${r.build.built ? `built by the bench (${fmt(r.build.seconds, 0)} s)` : r.build.reason}.`);
  L.push("");

  // 1
  const o = r.overhead;
  if (o) {
    L.push(`## 1. Proxy overhead (upstream latency ${c.latencyMs} ms)`);
    L.push("");
    L.push(
      `A simulator fault rule \`{ latencyMs: ${c.latencyMs} }\` without a path delays every upstream call. autocannon, ${c.connections} connections, ${c.durationS} s per run, ${c.runs} run(s) per side, direct, console, bare Next.js app and plain proxy alternating (the floors: see above), after a short warm-up. Latency percentiles are computed from every 2xx response time (autocannon's own histogram has 1 ms resolution); other statuses are counted apart.`,
    );
    L.push("");
    L.push(
      `- **Reads**: direct = \`GET /v2/tasks/{t}/state?record_id={r}&step_state=true\` on the simulator, each request signed anew (SDK-HMAC-SHA256 with the official signer, like the console); console = \`GET /api/tasks/{t}/records/{r}\` with the session cookie. Round-robin over ${r.data.readTargets} finished records of different tasks. The console's record route makes one upstream call per read (ShowDeployStatus, delayed ${c.latencyMs} ms like the direct side's), plus ShowDeployTaskDetail in parallel (task name, AOM components) at most once per task per 30 s (lib/codearts/tasks.ts).`,
    );
    L.push(
      `- **Starts**: direct = signed \`POST /v2/tasks/{t}/start\` with \`{}\` (what the console sends upstream for a start without parameters); console = \`POST /api/tasks/{t}/start\` with \`{"params":[]}\`, a new \`Idempotency-Key\` per request. Round-robin over ${r.data.startTasks} generated tasks with 1 ms steps, so a task's previous record has always finished; a start that still met a running deployment (400 Deploy.00011027) would be counted under non-2xx.`,
    );
    L.push("");
    L.push(`| | direct | console | added (per run, median and range) |\n|---|---|---|---|`);
    const rd = o.reads.direct;
    const rc = o.reads.console;
    L.push(
      `| reads | ${sideSummary(rd)} | ${sideSummary(rc)} | p50 ${signed(
        pair(rc, rd, (a, b) => a.p50 - b.p50),
        2,
      )} ms · p99 ${signed(
        pair(rc, rd, (a, b) => a.p99 - b.p99),
        2,
      )} ms · ratio ${medRange(
        pair(rc, rd, (a, b) => a.rps / b.rps),
        3,
      )} |`,
    );
    const sd = o.starts.direct;
    const scn = o.starts.console;
    L.push(
      `| starts | ${sideSummary(sd)} | ${sideSummary(scn)} | p50 ${signed(
        pair(scn, sd, (a, b) => a.p50 - b.p50),
        2,
      )} ms · p99 ${signed(
        pair(scn, sd, (a, b) => a.p99 - b.p99),
        2,
      )} ms · ratio ${medRange(
        pair(scn, sd, (a, b) => a.rps / b.rps),
        3,
      )} |`,
    );
    for (const [kind, side, name, direct] of [
      ["reads", "next", "reads, bare Next.js app", rd],
      ["reads", "plain", "reads, plain Node.js proxy", rd],
      ["starts", "next", "starts, bare Next.js app", sd],
      ["starts", "plain", "starts, plain Node.js proxy", sd],
    ]) {
      const x = o[kind][side];
      if (x?.length)
        L.push(
          `| ${name} | (as above) | ${sideSummary(x)} | p50 ${signed(
            pair(x, direct, (a, b) => a.p50 - b.p50),
            2,
          )} ms · p99 ${signed(
            pair(x, direct, (a, b) => a.p99 - b.p99),
            2,
          )} ms · ratio ${medRange(
            pair(x, direct, (a, b) => a.rps / b.rps),
            3,
          )} |`,
        );
    }
    L.push("");
    L.push(
      "CPU time per answered request (user + system, from /proc/<pid>/stat over each run; unlike latency and throughput it does not depend on what else the machine runs):",
    );
    L.push("");
    L.push("| | console process | simulator process | load generator |\n|---|---:|---:|---:|");
    L.push(`| reads via the console | ${cpu(rc, "console")} ms | ${cpu(rc, "simulator")} ms | ${cpu(rc, "loadgen")} ms |`);
    L.push(`| reads direct | — | ${cpu(rd, "simulator")} ms | ${cpu(rd, "loadgen")} ms |`);
    if (o.reads.next?.length)
      L.push(
        `| reads via the bare Next.js app | ${cpu(o.reads.next, "next")} ms | ${cpu(o.reads.next, "simulator")} ms | ${cpu(o.reads.next, "loadgen")} ms |`,
      );
    if (o.reads.plain?.length)
      L.push(
        `| reads via the plain Node.js proxy | ${cpu(o.reads.plain, "plain")} ms | ${cpu(o.reads.plain, "simulator")} ms | ${cpu(o.reads.plain, "loadgen")} ms |`,
      );
    L.push(`| starts via the console | ${cpu(scn, "console")} ms | ${cpu(scn, "simulator")} ms | ${cpu(scn, "loadgen")} ms |`);
    L.push(`| starts direct | — | ${cpu(sd, "simulator")} ms | ${cpu(sd, "loadgen")} ms |`);
    if (o.starts.next?.length)
      L.push(
        `| starts via the bare Next.js app | ${cpu(o.starts.next, "next")} ms | ${cpu(o.starts.next, "simulator")} ms | ${cpu(o.starts.next, "loadgen")} ms |`,
      );
    if (o.starts.plain?.length)
      L.push(
        `| starts via the plain Node.js proxy | ${cpu(o.starts.plain, "plain")} ms | ${cpu(o.starts.plain, "simulator")} ms | ${cpu(o.starts.plain, "loadgen")} ms |`,
      );
    L.push("");
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
  }

  // 2
  const s = r.saturation;
  if (s) {
    L.push("## 2. Saturation (upstream latency 0)");
    L.push("");
    L.push(
      `The read route at growing concurrency (${c.sweepConnections.join(", ")} connections, ${c.sweepS} s each, stopping after two steps in a row with p99 ≥ ${c.p99LimitMs} ms, or at a failed request); the best connection count (highest 2xx req/s with p99 < ${c.p99LimitMs} ms) is then run ${c.runs} × ${c.confirmS} s, console, plain proxy and bare Next.js app alternating. **Plain proxy** = \`bench/plain-proxy.mjs\`: a node:http server that, for the same URL, makes the same upstream calls (ShowDeployStatus on every read, ShowDeployTaskDetail in parallel once per task per 30 s, as the console does) through the console's own transport (callRaw of lib/codearts/http.ts: the official SDK signer, node:http keep-alive), and answers a small JSON — no framework, session, validation or reshaping: the floor of what any proxy costs. **Bare Next.js app** = \`bench/next-floor\`: the same calls and answer in a Next.js route handler, nothing else. **Direct** = the simulator's own state call (one call), for scale. **Next.js alone** = the console's \`GET /api/health\`, swept the same way: what the framework costs per request before any of the console's own work.`,
    );
    L.push("");
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
  }

  // 3
  const b = r.bundles;
  if (b) {
    L.push("## 3. Pages");
    L.push("");
    L.push("### First-load JS per route (gzip)");
    L.push("");
    L.push(
      "Computed from the build output alone (bench/lib/first-load.mjs, the same code as `scripts/check-bundle-budget.mjs`): the `rootMainFiles` of `.next/build-manifest.json` (Turbopack runtime, React, React DOM, Next.js client — shared by every page) plus every chunk in `entryJSFiles` of the route's `.next/server/app/**/page_client-reference-manifest.js` (root layout, group layouts, the page and the error/not-found boundaries on its path), each file once, gzip level 6 (what the server's compression sends; kB = 1000 bytes). Polyfills (`nomodule`), lazy chunks and Link prefetches of other routes are not counted, nor the inline RSC payload.",
    );
    L.push("");
    L.push(`Shared by every route: ${kb(b.shared.gzip)} kB gz (${kb(b.shared.raw)} kB raw, ${b.shared.files.length} files).`);
    L.push("");
    L.push("| route | first-load JS kB gz | of which route-specific | raw kB | files | budget kB |\n|---|---:|---:|---:|---:|---:|");
    for (const x of b.routes)
      L.push(
        `| \`${x.route}\` | ${kb(x.gzip)} | ${kb(x.pageOnlyGzip)} | ${kb(x.raw)} | ${x.files.length} | ${r.budgets?.routes?.[x.route] ?? r.budgets?.routes?.["*"] ?? "—"} |`,
      );
    L.push("");
    const task = b.routes.find((x) => x.route === "/tasks/[taskId]");
    if (task) {
      L.push(
        `**Task page: ${kb(task.gzip)} kB gz against the 130 kB target — ${task.gzip <= 130_000 ? "met" : "not met"}.** ${task.gzip > 130_000 ? `The framework alone (the shared files above) is ${kb(b.shared.gzip)} kB, the root layout's client code (providers, header, i18n, react-query) and the page's own chunks add ${kb(task.gzip - b.shared.gzip)} kB. With Next 16 + React 19 the 130 kB target is not reachable for any page that hydrates at all; the budgets in bench/budgets.json hold the measured sizes instead (+5 %).` : ""}`,
      );
      L.push("");
    }
    const bare = r.floorBundles?.routes.find((x) => x.route === "/");
    if (bare) {
      L.push(
        `The bare Next.js app's page (bench/next-floor, no client component of its own) loads ${kb(bare.gzip)} kB gz (${bare.files.length} files; shared ${kb(r.floorBundles.shared.gzip)} kB): the least any page of a Next ${r.machine.versions.next} App Router app ships.`,
      );
      L.push("");
    }
    if (r.crossCheck) {
      L.push("Cross-check in Chromium (cache disabled, scripts requested before the `load` event):");
      L.push("");
      for (const x of r.crossCheck) {
        const same = x.missing.length === 0 && x.extra.length === 0;
        L.push(
          `- ${x.name} (\`${x.route}\`): ${same ? `the same ${x.loaded.length} files` : `counted but not loaded: ${x.missing.join(", ") || "none"}; loaded but not counted: ${x.extra.join(", ") || "none"}`}`,
        );
      }
      L.push("");
    }
  }
  if (r.lighthouse) {
    L.push(`### Lighthouse ${r.machine.versions.lighthouse}`);
    L.push("");
    L.push(
      `Debian Chromium started by the bench (\`--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --remote-debugging-port --user-data-dir\`), Lighthouse's Node API on that port with its **default configuration** (mobile form factor, simulated throttling), categories performance, accessibility and best practices, the session cookie passed with \`extraHeaders\`; ${c.lhRuns} run(s) per page. Pages: the picker with ${r.data?.totalApps ?? c.apps} apps, the task and a finished record of the task with ${c.historyRecords} records.`,
    );
    L.push("");
    L.push(
      "| page | performance | accessibility | best practices | FCP ms | LCP ms | TBT ms | CLS | script transfer kB |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    );
    for (const p of r.lighthouse) {
      const v = (k, d = 0) =>
        medRange(
          p.runs.map((x) => x[k]),
          d,
        );
      L.push(
        `| ${p.name} \`${p.route}\` | ${v("performance")} | ${v("accessibility")} | ${v("bestPractices")} | ${v("fcp")} | ${v("lcp")} | ${v("tbt")} | ${v("cls", 3)} | ${medRange(
          p.runs.map((x) => x.scriptTransferBytes / 1000),
          1,
        )} |`,
      );
    }
    for (const p of (r.lighthouseFloor ?? []).filter((x) => x.runs.length)) {
      const v = (k, d = 0) =>
        medRange(
          p.runs.map((x) => x[k]),
          d,
        );
      L.push(
        `| *${p.name}* \`${p.route}\` (bench/next-floor, the floor) | ${v("performance")} | ${v("accessibility")} | ${v("bestPractices")} | ${v("fcp")} | ${v("lcp")} | ${v("tbt")} | ${v("cls", 3)} | ${medRange(
          p.runs.map((x) => x.scriptTransferBytes / 1000),
          1,
        )} |`,
      );
    }
    if (r.lighthouse.some((p) => p.desktopRuns?.length)) {
      L.push("");
      L.push("For comparison, Lighthouse's **desktop** preset (`desktopConfig`: desktop form factor, lighter simulated throttling) — not the target figure:");
      L.push("");
      L.push("| page | performance | accessibility | best practices | FCP ms | LCP ms | TBT ms | CLS |\n|---|---:|---:|---:|---:|---:|---:|---:|");
      for (const p of r.lighthouse.filter((x) => x.desktopRuns?.length)) {
        const v = (k, d = 0) =>
          medRange(
            p.desktopRuns.map((x) => x[k]),
            d,
          );
        L.push(
          `| ${p.name} \`${p.route}\` | ${v("performance")} | ${v("accessibility")} | ${v("bestPractices")} | ${v("fcp")} | ${v("lcp")} | ${v("tbt")} | ${v("cls", 3)} |`,
        );
      }
    }
    L.push("");
    L.push(
      "Script transfer = Lighthouse's own count of `/_next/static` script bytes on the wire (headers included, and any chunk fetched before it stopped listening), beside the build-output figure above.",
    );
    L.push("");
    const failing = [];
    for (const p of r.lighthouse) {
      const seen = new Map();
      for (const run of p.runs)
        for (const cat of ["accessibility", "best-practices", "performance"])
          for (const a of run.failing[cat]) if (!seen.has(`${cat}:${a.id}`)) seen.set(`${cat}:${a.id}`, { cat, ...a });
      for (const a of seen.values()) failing.push({ page: p.name, ...a });
    }
    const errs = r.lighthouse.flatMap((p) => p.runs.filter((x) => x.runtimeError).map((x) => `${p.name}: ${x.runtimeError}`));
    if (errs.length) L.push(`Lighthouse runtime errors: ${errs.join("; ")}\n`);
    if (failing.length) {
      L.push("Audits below full score (any run):");
      L.push("");
      for (const a of failing) {
        const items = a.cat === "performance" ? [] : a.items;
        L.push(
          `- ${a.page} · ${a.cat} · \`${a.id}\` — ${a.title} (score ${fmt(a.score, 2)}${a.display ? `, ${a.display}` : ""})${items.length ? `: ${items.map((i) => `\`${String(i).replace(/`/g, "'").slice(0, 160)}\``).join(", ")}` : ""}`,
        );
      }
      L.push("");
    }
  }

  // 4
  const sc = r.scale;
  if (sc) {
    L.push("## 4. Scale of data");
    L.push("");
    L.push(
      `Steps 3 and 4 run first, right after start-up (Lighthouse is the most sensitive to other load), then 1, 2 and 5. For 3 and 4 the simulator is reset (${c.apps} apps, fresh seed); task **${sc.historyTask}** had ${sc.seededRecords} records in the last ${c.historyDays} days and ${sc.startedRecords} more were started through the simulator one after the other (1 ms steps; ${sc.refusedWhileRunning} starts met the previous record still running and were repeated) — the seed has no option for a long history; these new records all lie in the newest 30-day window.`,
    );
    L.push("");
    const h = sc.history;
    L.push("| measure | how | median (min–max) |\n|---|---|---:|");
    L.push(
      `| picker time to first rows, warm | Playwright in Chromium, \`/apps\` navigated ${sc.picker.warm.length} times after a first visit; \`performance.now()\` (from navigation start) when the first \`[data-testid=app-row]\` enters the DOM (MutationObserver) | ${medRange(sc.picker.warm, 0)} ms (cold ${fmt(sc.picker.cold, 0)} ms) |`,
    );
    L.push(
      `| search keystroke → updated list | the search box holds e.g. \`bench-app-00\`; one key is pressed; from its \`keydown\` to the DOM showing only rows that match the new term (${sc.search.trials.length} trials: ${sc.search.trials.map((t) => `\`${t.term}\` ${fmt(t.ms, 0)} ms`).join(", ")}) | ${medRange(
        sc.search.trials.map((t) => t.ms),
        0,
      )} ms |`,
    );
    if (sc.search.trials.every((t) => t.confirmedMs !== undefined)) {
      L.push(
        `| search keystroke → server's answer shown | as above, until the rows match and nothing is \`aria-busy\` any more (the server's list for the new term in place) | ${medRange(
          sc.search.trials.map((t) => t.confirmedMs),
          0,
        )} ms |`,
      );
    }
    L.push(
      `| history over ${c.historyDays} days, first page of 100 | \`GET /api/tasks/{t}/records?from=${h.from}&to=${h.to}&size=100\` (${h.total} records; 4 upstream windows of ≤ 30 days), ${h.firstPage.length} sequential requests after a warm-up | ${medRange(h.firstPage, 0)} ms |`,
    );
    L.push(`| history, first page of 10 (the UI's page) | as above with size=10 | ${medRange(h.firstPageUi, 0)} ms |`);
    L.push(`| history, all ${h.total} records | ${h.pages} pages of 100, one after the other, ${h.allPages.length} times | ${medRange(h.allPages, 0)} ms |`);
    L.push("");
    L.push(
      "The picker (components/apps/apps-view.tsx) reads every app it may show once the search box is first used (GET /api/apps, pages of 100, up to 5,000 apps, kept 30 s) and, at each keystroke, shows the new term's rows from that list at once (the table aria-busy); after a 150 ms typing pause it asks the server, whose answer replaces the preview. The server answers searches from a snapshot of every app at most 10 s old (lib/server/apps-access.ts): ListAllApp has no name filter, so without it each search walked every upstream page (100 apps each). The first row above is what the user sees change; the second includes the debounce and the request.",
    );
    L.push("");
  }

  // 5
  const mem = r.memory;
  if (mem?.step1 || mem?.step2) {
    L.push("## 5. Memory");
    L.push("");
    L.push(
      `VmRSS of the console server process (\`next start\`; its descendants included, there are none) from /proc every 250 ms${c.consoleNodeOptions ? `, console started with NODE_OPTIONS=\`${c.consoleNodeOptions}\`` : ", default V8 heap settings"}.`,
    );
    L.push("");
    const row = (name, xs) => `| ${name} | ${fmt(median(xs) / MB, 0)} | ${fmt(range(xs)[1] / MB, 0)} |`;
    L.push("| phase | median MB | peak MB |\n|---|---:|---:|");
    L.push(`| idle after start-up | ${fmt(mem.idle / MB, 0)} | ${fmt(mem.idle / MB, 0)} |`);
    if (mem.step1) L.push(row("1. proxy overhead", mem.step1));
    if (mem.step2) L.push(row("2. saturation", mem.step2));
    if (mem.end) L.push(`| end of the run | ${fmt(mem.end / MB, 0)} | ${fmt(mem.end / MB, 0)} |`);
    L.push("");
    L.push(
      "Without a heap limit the RSS of a Node.js process keeps rising for a while under sustained load: V8 grows its old space lazily up to a limit derived from the machine's memory (about 4 GB here), which is what the first measurement of this file showed (874 MB). `npm start` and this bench start the console with `--max-old-space-size` and a smaller young generation, `--max-semi-space-size` (scripts/heap.mjs); to see other limits, run with e.g. `BENCH_CONSOLE_NODE_OPTIONS=--max-old-space-size=512`.",
    );
    L.push("");
  }

  L.push("## How to run");
  L.push("");
  L.push(
    "```sh\nnpm run bench                      # about 10 minutes; builds first when the sources are newer than .next\nBENCH_QUICK=1 npm run bench        # smoke run: 1 short run per measure (about 3 minutes)\nnode scripts/check-bundle-budget.mjs   # after a build: first-load JS per route against bench/budgets.json\n```",
  );
  L.push("");
  L.push(
    "Settings (environment): BENCH_ONLY (steps, e.g. \`1,2\`), BENCH_CONSOLE_NODE_OPTIONS, BENCH_CONSOLE_NODE_ARGS, BENCH_RUNS, BENCH_DURATION_S, BENCH_CONNECTIONS, BENCH_LATENCY_MS, BENCH_SWEEP_S, BENCH_CONFIRM_S, BENCH_LH_RUNS, BENCH_LH_DESKTOP_RUNS, BENCH_SKIP_BUILD=1, BENCH_SIM_PORT (9500), BENCH_CONSOLE_PORT (3500), BENCH_PLAIN_PORT (3501), BENCH_NEXT_PORT (3502), BENCH_CHROME_PORT (9522), BENCH_VERBOSE=1. The bench needs those ports free and Debian Chromium at /usr/bin/chromium (CHROMIUM_PATH).",
  );
  L.push("");
  return `${L.join("\n")}\n`;
}

export function summaryLines(r) {
  const lines = ["Targets:"];
  for (const t of targets(r)) lines.push(`  ${t.ok === null ? "?" : t.ok ? "✔" : "✘"} ${t.area.padEnd(13)} ${t.what}: ${t.value} (target ${t.target})`);
  const fl = floors(r);
  if (fl.length) {
    lines.push("Floors (console | bare Next.js app | plain Node.js proxy):");
    for (const x of fl) lines.push(`  ${x.what}${x.target ? ` (target ${x.target})` : ""}: ${x.values.join(" | ")}`);
  }
  const a11y = new Map();
  for (const p of r.lighthouse ?? []) for (const run of p.runs) for (const a of run.failing.accessibility) a11y.set(`${p.name} · ${a.id}`, a.title);
  if (a11y.size) {
    lines.push("Accessibility audits below full score:");
    for (const [k, title] of a11y) lines.push(`  - ${k}: ${title}`);
  }
  return lines;
}
