/**
 * The same measures for the console and the two floors that make the same upstream calls: a bare Next.js app
 * (bench/next-floor) and a plain Node.js proxy (bench/plain-proxy.mjs). Where the bare Next.js app misses a target
 * too, no Next.js app meets it on this machine.
 */
import { fmt, median, medRange } from "../stats.mjs";
import { kb, medianAdded, medianCpu, medianRatio, saturationCpu, signedMs } from "./format.mjs";

const SIDES = ["console", "next", "plain"];

/** 1: added latency, throughput ratio and CPU per request of each side, reads and starts. */
function overheadFloors(r) {
  const rows = [];
  for (const [kind, o, one] of [
    ["reads", r.overhead?.reads, "read"],
    ["starts", r.overhead?.starts, "start"],
  ]) {
    if (!o?.next?.length || !o?.plain?.length) continue;
    const added = (side, k) => medianAdded(o[side], o.direct, k);
    const ratio = (side) => medianRatio(o[side], o.direct);
    rows.push({
      what: `1 ${kind}: added p50 (${r.config.latencyMs} ms upstream, ${r.config.connections} connections)`,
      target: kind === "reads" ? "≤ bare + 3 ms" : "≤ bare + 10 ms",
      values: SIDES.map((x) => signedMs(added(x, "p50"))),
    });
    if (kind === "reads") {
      rows.push({ what: "1 reads: added p99", target: "≤ bare + 25 ms", values: SIDES.map((x) => signedMs(added(x, "p99"))) });
      rows.push({ what: "1 reads: throughput ratio to direct", target: "≥ 0.95 × bare's", values: SIDES.map((x) => fmt(ratio(x), 3)) });
    }
    rows.push({
      what: `1 ${kind}: CPU ms per ${one}`,
      target: kind === "reads" ? "≤ bare + 0.5" : "≤ bare + 1.5",
      values: SIDES.map((x) => fmt(medianCpu(o[x], x), 2)),
    });
  }
  return rows;
}

/** 2: each side's saturated throughput (against the plain proxy's) and CPU per read. */
function saturationFloors(s) {
  if (!s?.confirm?.next?.length) return [];
  const rps = (side) => median(s.confirm[side].map((x) => x.rps));
  const floor = rps("plain");
  return [
    {
      what: "2 saturation: max req/s at p99 < 100 ms",
      target: "≥ 0.85 × bare's",
      values: SIDES.map((x) => `${fmt(rps(x), 0)} (${fmt(floor / rps(x), 1)}×)`),
    },
    { what: "2 saturation: CPU ms per read", target: "", values: SIDES.map((x) => fmt(saturationCpu(s, x), 2)) },
  ];
}

/** 3: first-load JS, Lighthouse mobile performance and TBT of the console's pages beside the bare app's page. */
function pageFloors(r) {
  const rows = [];
  const task = r.bundles?.routes.find((x) => x.route === "/tasks/[taskId]");
  const bare = r.floorBundles?.routes.find((x) => x.route === "/");
  if (task && bare) rows.push({ what: "3 first-load JS kB gz (console: task page)", target: "≤ bare + 30", values: [kb(task.gzip), kb(bare.gzip), "—"] });
  const lf = r.lighthouseFloor?.[0];
  if (r.lighthouse?.length && lf?.runs.length) {
    const perf = r.lighthouse.map((p) => `${p.name} ${fmt(median(p.runs.map((x) => x.performance)), 0)}`).join(", ");
    rows.push({
      what: "3 Lighthouse mobile performance",
      target: "≥ bare's − 3",
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
      target: "≤ bare + 100",
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

/** The floors' rows: console, bare Next.js app and plain Node.js proxy side by side, for the document and the summary. */
export function floors(r) {
  return [...overheadFloors(r), ...saturationFloors(r.saturation), ...pageFloors(r)];
}
