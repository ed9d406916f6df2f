// Step 1: proxy overhead at BENCH_LATENCY_MS upstream latency — direct, console and the two floors alternating, reads
// and starts, BENCH_RUNS runs of BENCH_DURATION_S per side after a warm-up.
import { CFG, CONSOLE, NEXT_FLOOR, PLAIN, QUICK, SIM } from "./config.mjs";
import { WATCH, say } from "./context.mjs";
import { brief, runLoad } from "./load.mjs";
import { simAdmin } from "./servers.mjs";

export async function overhead(makers) {
  await simAdmin("DELETE", "/__sim/faults");
  await simAdmin("POST", "/__sim/faults", { rules: [{ latencyMs: CFG.latencyMs }] });
  const series = async (label, pairs) => {
    for (const [, target, next] of pairs) await runLoad({ url: target, connections: CFG.connections, durationS: QUICK ? 1 : 2, next }); // warm-up
    const out = Object.fromEntries(pairs.map(([side]) => [side, []]));
    for (let run = 1; run <= CFG.runs; run++) {
      for (const [side, target, next] of pairs) {
        const res = await runLoad({ url: target, connections: CFG.connections, durationS: CFG.durationS, next, watch: WATCH });
        out[side].push(res);
        say(`  ${label} run ${run}/${CFG.runs} ${side.padEnd(7)} ${brief(res)}`);
      }
    }
    return out;
  };
  say(`1. proxy overhead: ${CFG.latencyMs} ms upstream latency, ${CFG.connections} connections, ${CFG.runs} × ${CFG.durationS} s per side`);
  const reads = await series("read ", [
    ["direct", SIM, makers.directRead],
    ["console", CONSOLE, makers.consoleRead],
    ["next", NEXT_FLOOR, makers.floorRead],
    ["plain", PLAIN, makers.floorRead],
  ]);
  const starts = await series("start", [
    ["direct", SIM, makers.directStart],
    ["console", CONSOLE, makers.consoleStart],
    ["next", NEXT_FLOOR, makers.floorStart],
    ["plain", PLAIN, makers.floorStart],
  ]);
  await simAdmin("DELETE", "/__sim/faults");
  return { reads, starts };
}
