// Step 6's figures derived from the workers' results (bench/ledger/worker.ts), and its targets: the audit page's first
// page ≤ 100 ms, each filter ≤ 200 ms, the CSV export ≥ 50,000 rows/s with flat memory, the reconciler's pass
// ≤ 50 ms and starts unchanged — per database.
import { fmt, median, medRange } from "../stats.mjs";
import { MB } from "./format.mjs";

export const DB_NAME = { sqlite: "SQLite", postgres: "PostgreSQL" };
/** "Flat": between 10 % and 90 % of the rows, the heap left after a full GC and the RSS grow by less than this. */
export const FLAT_HEAP = 5 * MB;
export const FLAT_RSS = 20 * MB;
/** "Unchanged": a start on the full ledger takes at most this many times one on the empty ledger (noise on 2 CPUs). */
export const STARTS_FACTOR = 1.25;

const firstPages = (d) => d.cases.filter((c) => c.group === "first page");
const filterCases = (d) => d.cases.filter((c) => c.group === "filter" || c.group === "combination");
const slowest = (cases) => cases.reduce((a, c) => (a === null || c.median > a.median ? c : a), null);

/** Median rows/s over the export runs, and the memory figures of the run with the median rate. */
export function csvFigures(d) {
  const runs = d.csv;
  if (!runs?.length) return null;
  const rates = runs.map((x) => x.rowsPerSecond);
  const mid = [...runs].sort((a, b) => a.rowsPerSecond - b.rowsPerSecond)[Math.floor(runs.length / 2)];
  const span = (run, key) => (run.retained.length >= 2 ? run.retained.at(-1)[key] - run.retained[0][key] : Number.NaN);
  const heapGrowth = Math.max(...runs.map((x) => span(x, "heap")));
  const rssGrowth = Math.max(...runs.map((x) => span(x, "rss")));
  return {
    rates,
    rate: median(rates),
    seconds: median(runs.map((x) => x.seconds)),
    rows: mid.rows,
    bytes: mid.bytes,
    cut: runs.some((x) => x.cut),
    heapGrowth,
    rssGrowth,
    peakRssGrowth: Math.max(...runs.map((x) => x.peakRss - x.base.rss)),
    peakHeapGrowth: Math.max(...runs.map((x) => x.peakHeap - x.base.heap)),
    flat: Number.isFinite(heapGrowth) && heapGrowth <= FLAT_HEAP && rssGrowth <= FLAT_RSS,
  };
}

const ms = (values) => `${medRange(values, values.every((v) => v < 10) ? 2 : 1)} ms`;

/** One database's target rows. */
function dbTargets(d) {
  const name = DB_NAME[d.dialect] ?? d.dialect;
  const out = [];
  const first = slowest(firstPages(d));
  if (first)
    out.push({
      area: "6 ledger",
      what: `${name}: audit first page (the slowest of ${firstPages(d).length}: ${first.view === "rows" ? "every row" : "by attempt"}${first.visible ? ", a reader of 10 apps" : ""})`,
      target: "≤ 100 ms",
      value: ms(first.ms),
      ok: first.median <= 100,
    });
  const filters = filterCases(d);
  const worst = slowest(filters);
  if (worst)
    out.push({
      area: "6 ledger",
      what: `${name}: each filter (slowest of ${filters.length}: ${worst.view === "rows" ? "every row, " : ""}${worst.name}; ${filters.filter((c) => c.median > 200).length} over 200 ms)`,
      target: "≤ 200 ms",
      value: ms(worst.ms),
      ok: worst.median <= 200,
    });
  const csv = csvFigures(d);
  if (csv) {
    out.push({
      area: "6 ledger",
      what: `${name}: CSV export of ${csv.rows} rows${csv.cut ? " (cut by the time budget)" : ""}`,
      target: "≥ 50,000 rows/s",
      value: `${medRange(csv.rates, 0)} rows/s`,
      ok: !csv.cut && csv.rate >= 50_000,
    });
    out.push({
      area: "6 ledger",
      what: `${name}: CSV export memory (10 % → 90 % of the rows: heap after GC, RSS)`,
      target: `flat (< ${fmt(FLAT_HEAP / MB, 0)} MB, < ${fmt(FLAT_RSS / MB, 0)} MB)`,
      value: `${signedMb(csv.heapGrowth)} heap, ${signedMb(csv.rssGrowth)} RSS`,
      ok: csv.flat,
    });
  }
  if (d.reconcile)
    out.push({ area: "6 ledger", what: `${name}: reconciler pass`, target: "≤ 50 ms", value: ms(d.reconcile.pass.ms), ok: d.reconcile.pass.median <= 50 });
  if (d.starts) {
    const { empty, full } = d.starts;
    out.push({
      area: "6 ledger",
      what: `${name}: start, full ledger vs empty (${fmt(empty.median, 2)} ms)`,
      target: `unchanged (≤ ${STARTS_FACTOR}×)`,
      value: `${ms(full.ms)} (${fmt(full.median / empty.median, 2)}×)`,
      ok: full.median <= empty.median * STARTS_FACTOR,
    });
  }
  return out;
}

export const signedMb = (bytes) => (Number.isFinite(bytes) ? `${bytes >= 0 ? "+" : ""}${fmt(bytes / MB, 1)} MB` : "n/a");

export function ledgerTargets(r) {
  return (r.ledger?.dbs ?? []).flatMap(dbTargets);
}
