// State shared by every step of one bench run: the progress log, the processes whose CPU time load runs measure,
// the machine-load notes the report shows, and the temporary directory with its clean-up.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { machineBusyMs, machineStealMs, stopAll, trackTreeCpu } from "./procs.mjs";
// The settings are checked (a bad one exits) and the working directory set before the temporary directory is made.
import "./config.mjs";

export const started = Date.now();
/** name → pid of the processes whose CPU time is measured during load runs. */
export const WATCH = { loadgen: process.pid };
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
export const say = (msg) => console.log(`[bench ${elapsed()}] ${msg}`);
/** The 1/5/15-minute load averages: other work on the machine skews every figure, so the report shows them. */
const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).map(Number);
export const loadLog = [];
/** CPU used by other processes than the benchmark's own since the previous note, as a share of all CPUs. */
let ownCpu = null;
export const noteLoad = (phase) => {
  ownCpu ??= trackTreeCpu(process.pid);
  const now = { wall: Date.now(), busy: machineBusyMs(), steal: machineStealMs(), mine: ownCpu.totalMs() };
  const prev = loadLog.at(-1)?.cpu;
  const span = prev ? (now.wall - prev.wall) * cpus().length : 0;
  const foreign = prev ? Math.max(0, (now.busy - prev.busy - (now.mine - prev.mine)) / span) : null;
  const steal = prev ? Math.max(0, (now.steal - (prev.steal ?? now.steal)) / span) : null;
  loadLog.push({ phase, at: elapsed(), loadavg: loadavg(), cpu: now, foreignSincePrevious: foreign, stealSincePrevious: steal });
};

export const work = mkdtempSync(join(tmpdir(), "codearts-bench-"));
/** Clean-up of what is not a child process of the bench (the throwaway PostgreSQL of step 6). */
const extra = new Set();
/** Runs `fn` at clean-up unless the returned function ran it first (once either way). */
export function atCleanup(fn) {
  const once = () => {
    if (extra.delete(once)) fn();
  };
  extra.add(once);
  return once;
}
let cleaned = false;
/** Stops every process the bench started and removes its temporary directory (once). */
export async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  ownCpu?.stop();
  await stopAll();
  for (const once of [...extra]) once();
  rmSync(work, { recursive: true, force: true });
}
