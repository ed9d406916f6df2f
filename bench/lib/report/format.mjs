// The report's number formats and shared tables: sizes, signed medians, per-run pairs, CPU per answer, load-run tables.
import { fmt, median, medRange } from "../stats.mjs";

export const MB = 1_000_000;
export const kb = (bytes) => (bytes / 1000).toFixed(1);
export const yes = (ok) => (ok === null || ok === undefined ? "n/a" : ok ? "**met**" : "**not met**");
export const pair = (a, b, f) => a.map((x, i) => (b[i] ? f(x, b[i]) : Number.NaN));
/** medRange with an explicit sign on the median ("+1.20 (0.90–1.50)", "-0.30 (…)"). */
export const signed = (values, d) => {
  const text = medRange(values, d);
  return median(values) >= 0 ? `+${text}` : text;
};

/** A signed latency: "+1.20 ms", "-0.30 ms". */
export const signedMs = (v, d = 2) => `${v >= 0 ? "+" : ""}${fmt(v, d)} ms`;

/** Step 1, per side against the direct runs it alternated with: the median of what it adds to `key`, of its throughput ratio. */
export const medianAdded = (runs, direct, key) => median(pair(runs, direct, (a, b) => a[key] - b[key]));
export const medianRatio = (runs, direct) => median(pair(runs, direct, (a, b) => a.rps / b.rps));
/** Median CPU ms per 2xx answer of process `proc` over runs. */
export const medianCpu = (runs, proc) => median(runs.map((x) => x.cpuPerOk?.[proc] ?? Number.NaN));

/** Step 2: median CPU ms per answer of process `proc` (default: the side itself) over a side's sweep and repeats. */
export const saturationCpu = (s, side, proc = side) => median(s.sweep[side].concat(s.confirm[side] ?? []).map((x) => x.cpuPerOk?.[proc] ?? Number.NaN));

const CPU_OF = ["console", "next", "plain", "simulator", "loadgen"];

/** Every load run of `rows` ([side, run label, result]): throughput, latency, failures, CPU per answer of each process. */
export function loadTable(rows) {
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
export const cpu = (runs, who) =>
  medRange(
    runs.map((x) => x.cpuPerOk?.[who] ?? Number.NaN),
    2,
  );

/** Throughput, p50 and p99 of one side's runs, median (min–max) each. */
export function sideSummary(runs) {
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
