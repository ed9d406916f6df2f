// Every target with its figure, one function per area (used by the document's Targets table and the summary).
import { fmt, median, medRange } from "../stats.mjs";
import { MB, kb, pair, saturationCpu, signed } from "./format.mjs";
import { ledgerTargets } from "./ledger-figures.mjs";

/** 1: added latency and throughput ratio of the console's reads and starts over direct calls. */
function overheadTargets(o) {
  const rd = o.reads.direct;
  const rc = o.reads.console;
  const addP50 = pair(rc, rd, (c, d) => c.p50 - d.p50);
  const addP99 = pair(rc, rd, (c, d) => c.p99 - d.p99);
  const ratio = pair(rc, rd, (c, d) => c.rps / d.rps);
  const addStart = pair(o.starts.console, o.starts.direct, (c, d) => c.p50 - d.p50);
  return [
    { area: "1 reads", what: "added p50", target: "≤ 2 ms", value: `${signed(addP50, 2)} ms`, ok: median(addP50) <= 2 },
    { area: "1 reads", what: "added p99", target: "≤ 10 ms", value: `${signed(addP99, 2)} ms`, ok: median(addP99) <= 10 },
    { area: "1 reads", what: "throughput ratio console/direct", target: "≥ 0.95", value: medRange(ratio, 3), ok: median(ratio) >= 0.95 },
    { area: "1 starts", what: "added p50", target: "≤ 5 ms", value: `${signed(addStart, 2)} ms`, ok: median(addStart) <= 5 },
  ];
}

/** 2: the plain proxy's saturated throughput and CPU per read against the console's. */
function saturationTargets(s) {
  const c = median(s.confirm.console.map((x) => x.rps));
  const p = median(s.confirm.plain.map((x) => x.rps));
  const cpuAll = (side) => saturationCpu(s, side);
  const ratio = cpuAll("console") / cpuAll("plain");
  return [
    {
      area: "2 saturation",
      what: "plain-proxy floor / console (max req/s at p99 < 100 ms)",
      target: "≤ 2×",
      value: Number.isFinite(p / c) ? `${fmt(p / c, 2)}× (${fmt(p, 0)} vs ${fmt(c, 0)} req/s)` : `n/a (console ${fmt(c, 0)}, plain ${fmt(p, 0)} req/s)`,
      ok: Number.isFinite(p / c) ? p / c <= 2 : null,
    },
    {
      area: "2 saturation",
      what: "supplementary: CPU per read, console / plain proxy",
      target: "≤ 2×",
      value: `${fmt(ratio, 1)}× (${fmt(cpuAll("console"), 2)} vs ${fmt(cpuAll("plain"), 2)} ms)`,
      ok: Number.isFinite(ratio) ? ratio <= 2 : null,
    },
  ];
}

/** 3: the task page's first-load JS and each page's Lighthouse performance and accessibility (mobile). */
function pageTargets(r) {
  const out = [];
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
  return out;
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
    ...scaleTargets(r),
    ...memoryTargets(r.memory),
    ...ledgerTargets(r),
  ];
}
