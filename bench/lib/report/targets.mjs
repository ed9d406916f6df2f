// Every target with its figure, one function per area (used by the document's Targets table and the summary).
import { fmt, median, medRange } from "../stats.mjs";
import { MB, medianAdded, medianCpu, medianRatio, signedMs } from "./format.mjs";
import { ledgerTargets } from "./ledger-figures.mjs";

// Issue 18's targets are stated against the bare Next.js app measured in the same run (bench/next-floor: the same
// upstream calls, nothing of the console's own): the console's share is the difference (or the ratio) to it.

/** A figure of the console's against the bare app's: "console X · bare Y · Δ ±Z" (`signed`: X and Y with their sign). */
const against = (c, b, { unit = " ms", d = 2, signed = false } = {}) => {
  const show = (v, sign) => `${sign && v >= 0 ? "+" : ""}${fmt(v, d)}${unit}`;
  return `console ${show(c, signed)} · bare ${show(b, signed)} · Δ ${show(c - b, true)}`;
};

/** ok of "console ≤ bare + limit" (null when a side is missing). */
const within = (c, b, limit) => (Number.isFinite(c) && Number.isFinite(b) ? c - b <= limit : null);

/** 1: added latency, throughput ratio and CPU of the console's reads and starts, against the bare app's. */
function overheadTargets(o) {
  const addMed = (runs, k) => medianAdded(runs, o.reads.direct, k);
  const ratio = (runs) => medianRatio(runs, o.reads.direct);
  const cpuOf = medianCpu;
  const startAdd = (runs) => medianAdded(runs, o.starts.direct, "p50");
  const rc = o.reads.console;
  const rb = o.reads.next ?? [];
  const sc = o.starts.console;
  const sb = o.starts.next ?? [];
  const rows = [];
  for (const [k, limit] of [
    ["p50", 3],
    ["p99", 25],
  ]) {
    const c = addMed(rc, k);
    const b = addMed(rb, k);
    rows.push({
      area: "1 reads",
      what: `added ${k}`,
      target: `≤ bare ${signedMs(limit, 0)}`,
      value: against(c, b, { signed: true }),
      ok: within(c, b, limit),
    });
  }
  const rcR = ratio(rc);
  const rbR = ratio(rb);
  rows.push({
    area: "1 reads",
    what: "throughput ratio to direct",
    target: "≥ 0.95 × bare's",
    value: `console ${fmt(rcR, 3)} · bare ${fmt(rbR, 3)} · ${fmt(rcR / rbR, 3)}×`,
    ok: Number.isFinite(rcR / rbR) ? rcR / rbR >= 0.95 : null,
  });
  const cpuR = [cpuOf(rc, "console"), cpuOf(rb, "next")];
  rows.push({ area: "1 reads", what: "CPU per read", target: "≤ bare + 0.5 ms", value: against(...cpuR), ok: within(...cpuR, 0.5) });
  const addS = [startAdd(sc), startAdd(sb)];
  rows.push({
    area: "1 starts",
    what: "added p50",
    target: "≤ bare + 10 ms",
    value: against(...addS, { signed: true }),
    ok: within(...addS, 10),
  });
  const cpuS = [cpuOf(sc, "console"), cpuOf(sb, "next")];
  rows.push({ area: "1 starts", what: "CPU per start (synchronous=FULL)", target: "≤ bare + 1.5 ms", value: against(...cpuS), ok: within(...cpuS, 1.5) });
  return rows;
}

/** 2: the console's saturated throughput (max reads/s at p99 < 100 ms) against the bare app's. */
function saturationTargets(s) {
  const rps = (side) => median((s.confirm[side] ?? []).map((x) => x.rps));
  const c = rps("console");
  const b = rps("next");
  return [
    {
      area: "2 saturation",
      what: "max reads/s at p99 < 100 ms",
      target: "≥ 0.85 × bare's",
      value: `console ${fmt(c, 0)} · bare ${fmt(b, 0)} · ${fmt(c / b, 2)}×`,
      ok: Number.isFinite(c / b) ? c / b >= 0.85 : null,
    },
  ];
}

/** 3: the task page's first-load JS and each page's Lighthouse (mobile) performance, TBT and accessibility. */
function pageTargets(r) {
  const out = [];
  const task = r.bundles?.routes.find((x) => x.route === "/tasks/[taskId]");
  const bare = r.floorBundles?.routes.find((x) => x.route === "/");
  if (task && bare)
    out.push({
      area: "3 pages",
      what: "task page first-load JS",
      target: "≤ bare + 30 kB gz",
      value: against(task.gzip / 1000, bare.gzip / 1000, { unit: " kB", d: 1 }),
      ok: task.gzip - bare.gzip <= 30_000,
    });
  const lf = r.lighthouseFloor?.[0]?.runs ?? [];
  const barePerf = median(lf.map((x) => x.performance));
  const bareTbt = median(lf.map((x) => x.tbt));
  for (const p of r.lighthouse ?? []) {
    const perf = median(p.runs.map((x) => x.performance));
    const tbt = median(p.runs.map((x) => x.tbt));
    const a11y = median(p.runs.map((x) => x.accessibility));
    out.push({
      area: "3 pages",
      what: `Lighthouse performance, ${p.name}`,
      target: "≥ bare's − 3",
      value: `${medRange(
        p.runs.map((x) => x.performance),
        0,
      )} · bare ${fmt(barePerf, 0)}`,
      ok: Number.isFinite(perf) && Number.isFinite(barePerf) ? perf >= barePerf - 3 : null,
    });
    out.push({
      area: "3 pages",
      what: `Lighthouse TBT, ${p.name}`,
      target: "≤ bare + 100 ms",
      value: against(tbt, bareTbt, { d: 0 }),
      ok: within(tbt, bareTbt, 100),
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
  return out;
}

/** 7: many viewers of one running record — upstream ShowDeployStatus per second, and the console's p99 against direct. */
function viewerTargets(v) {
  const perS = median(v.console.map((x) => x.upstreamPerS));
  const p99c = median(v.console.map((x) => x.p99));
  const p99d = median(v.direct.map((x) => x.p99));
  return [
    {
      area: "7 viewers",
      what: `${v.viewers} viewers polling one running record every ${v.everyMs / 1000} s: upstream ShowDeployStatus`,
      target: "≤ 1 per s",
      value: `${medRange(
        v.console.map((x) => x.upstreamPerS),
        2,
      )} per s`,
      ok: Number.isFinite(perS) ? perS <= 1 : null,
    },
    {
      area: "7 viewers",
      what: "their p99, console against direct at the same load",
      target: "≤ direct's",
      value: `console ${fmt(p99c, 2)} ms · direct ${fmt(p99d, 2)} ms`,
      ok: Number.isFinite(p99c) && Number.isFinite(p99d) ? p99c <= p99d : null,
    },
  ];
}

/** 4: the picker's first rows, the search keystroke (list, then the server's answer) and the history's first page. */
function scaleTargets(r) {
  const out = [];
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
  return out;
}

/** 5: the console's peak RSS during steps 1 and 2. */
function memoryTargets(m) {
  if (!(m?.step1 || m?.step2)) return [];
  const peak = Math.max(...(m.step1 ?? []), ...(m.step2 ?? []));
  return [{ area: "5 memory", what: "console RSS peak during 1 and 2", target: "≤ 250 MB", value: `${fmt(peak / MB, 0)} MB`, ok: peak <= 250 * MB }];
}

/** Every target with its figure, in one place (used by the document and the summary). */
export function targets(r) {
  return [
    ...(r.overhead ? overheadTargets(r.overhead) : []),
    ...(r.saturation ? saturationTargets(r.saturation) : []),
    ...pageTargets(r),
    ...(r.viewers ? viewerTargets(r.viewers) : []),
    ...scaleTargets(r),
    ...memoryTargets(r.memory),
    ...ledgerTargets(r),
  ];
}
