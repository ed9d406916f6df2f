// Step 2: saturation at 0 ms latency — each side swept over growing connection counts until p99 passes the limit,
// then repeated runs at each side's best count (console, plain proxy and bare Next.js app alternating).
import { CFG, CONSOLE, NEXT_FLOOR, PLAIN, QUICK, SIM } from "./config.mjs";
import { WATCH, say } from "./context.mjs";
import { brief, runLoad } from "./load.mjs";
import { simAdmin } from "./servers.mjs";

export async function saturation(makers) {
  await simAdmin("DELETE", "/__sim/faults");
  const targets = [
    ["console", CONSOLE, makers.consoleRead],
    ["plain", PLAIN, makers.floorRead],
    ["next", NEXT_FLOOR, makers.floorRead],
    ["direct", SIM, makers.directRead],
    ["framework", CONSOLE, makers.consoleHealth],
  ];
  say(`2. saturation: 0 ms latency, connections ${CFG.sweepConnections.join("/")} × ${CFG.sweepS} s until p99 ≥ ${CFG.p99LimitMs} ms`);
  const sweep = {};
  const best = {};
  for (const [side, url, next] of targets) {
    await runLoad({ url, connections: 8, durationS: QUICK ? 1 : 2, next }); // warm-up
    sweep[side] = [];
    for (const connections of CFG.sweepConnections) {
      const res = await runLoad({ url, connections, durationS: CFG.sweepS, next, watch: WATCH });
      sweep[side].push(res);
      say(`  sweep ${side.padEnd(7)} c=${String(connections).padStart(3)} ${brief(res)}`);
      // A single scheduling hiccup can push p99 of a short run over the limit: stop after two steps over it.
      const over = sweep[side].slice(-2).filter((x) => !(x.p99 < CFG.p99LimitMs));
      if (over.length === 2 || res.non2xx > 0 || res.errors > 0) break;
    }
    const ok = sweep[side].filter((r) => r.p99 < CFG.p99LimitMs && r.non2xx === 0 && r.errors === 0);
    best[side] = ok.reduce((a, b) => (b.rps > (a?.rps ?? -1) ? b : a), null);
  }
  // Repeated runs at each side's best connection count (console, plain proxy and bare Next.js alternating).
  const confirm = { console: [], plain: [], next: [] };
  for (let run = 1; run <= CFG.runs; run++) {
    for (const [side, url, next] of targets.slice(0, 3)) {
      if (!best[side]) continue;
      const res = await runLoad({ url, connections: best[side].connections, durationS: CFG.confirmS, next, watch: WATCH });
      confirm[side].push(res);
      say(`  confirm run ${run}/${CFG.runs} ${side.padEnd(7)} c=${best[side].connections} ${brief(res)}`);
    }
  }
  return { sweep, best: Object.fromEntries(Object.entries(best).map(([k, v]) => [k, v ? v.connections : null])), confirm };
}
