// Child processes of the benchmark: start, wait until they answer, sample their memory, stop them (by pid only).
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";

const started = new Set();

/** Start a child; its output goes to `log` (an array of recent lines) and, with BENCH_VERBOSE=1, to the terminal. */
export function startProcess(name, command, args, { env, cwd } = {}) {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const log = [];
  const keep = (chunk) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line) continue;
      log.push(line);
      if (log.length > 200) log.shift();
      if (process.env.BENCH_VERBOSE === "1") console.log(`[${name}] ${line}`);
    }
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const proc = { name, child, log, pid: child.pid, exited: false, exitCode: null };
  child.on("exit", (code, signal) => {
    proc.exited = true;
    proc.exitCode = code ?? signal;
    started.delete(proc);
  });
  started.add(proc);
  return proc;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll a URL until it answers 2xx, the process dies, or the time is up. */
export async function waitForHttp(proc, url, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.exited) throw new Error(`${proc.name} exited (${proc.exitCode}) before answering ${url}:\n${proc.log.slice(-20).join("\n")}`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(150);
  }
  throw new Error(`${proc.name} did not answer ${url} within ${timeoutMs} ms:\n${proc.log.slice(-20).join("\n")}`);
}

/** SIGTERM, then SIGKILL after a grace period. Only ever our own children, by pid. */
export async function stopProcess(proc, graceMs = 5_000) {
  if (!proc || proc.exited) return;
  const gone = new Promise((r) => proc.child.once("exit", r));
  try {
    process.kill(proc.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = sleep(graceMs).then(() => "timeout");
  if ((await Promise.race([gone, timer])) === "timeout" && !proc.exited) {
    try {
      process.kill(proc.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
    await Promise.race([gone, sleep(2_000)]);
  }
}

export async function stopAll() {
  await Promise.all([...started].map((p) => stopProcess(p)));
}

/** Synchronous last resort (process 'exit' handler): SIGKILL whatever is left. */
export function killAllSync() {
  for (const p of started) {
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      /* gone */
    }
  }
}

/** Descendant pids of `pid` (children, grandchildren…) from /proc. */
function descendants(pid) {
  const parentOf = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      /* process ended meanwhile */
    }
  }
  const out = [];
  const queue = [pid];
  while (queue.length > 0 && out.length < 1_000) {
    const p = queue.shift();
    for (const [child, parent] of parentOf)
      if (parent === p) {
        out.push(child);
        queue.push(child);
      }
  }
  return out;
}

/** VmRSS in bytes of one pid (0 when it is gone). */
function rssOf(pid) {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** RSS of a process and all its descendants, in bytes. */
export function treeRss(pid) {
  return [pid, ...descendants(pid)].reduce((sum, p) => sum + rssOf(p), 0);
}

/** Samples the RSS of a process tree every `everyMs` until stopped; returns the samples (bytes). */
export function sampleRss(pid, everyMs = 250) {
  const samples = [];
  const timer = setInterval(() => samples.push(treeRss(pid)), everyMs);
  samples.push(treeRss(pid));
  return {
    stop() {
      clearInterval(timer);
      samples.push(treeRss(pid));
      return samples;
    },
  };
}

const CLK_TCK = (() => {
  const r = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  const v = Number(r.stdout?.trim());
  return Number.isFinite(v) && v > 0 ? v : 100;
})();

/** CPU time (user + system) used so far by a process (and its descendants with `tree`), in ms. */
export function cpuMs(pid, tree = false) {
  let ticks = 0;
  for (const p of tree ? [pid, ...descendants(pid)] : [pid]) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      /* gone */
    }
  }
  return (ticks * 1000) / CLK_TCK;
}

/** CPU time of the whole machine so far (all CPUs, /proc/stat), in ms: busy (steal included) and steal alone. */
function machineCpu() {
  const line = readFileSync("/proc/stat", "utf8")
    .split("\n")
    .find((l) => l.startsWith("cpu "));
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return { busy: ((user + nice + system + irq + softirq + steal) * 1000) / CLK_TCK, steal: (steal * 1000) / CLK_TCK };
}

/** Busy CPU time of the whole machine so far, in ms. */
export const machineBusyMs = () => machineCpu().busy;

/**
 * Steal time so far, in ms: time this virtual machine's CPUs wanted to run but the hypervisor ran someone else.
 * Counted in machineBusyMs too (the bench did not use it); shown apart because it slows every process alike.
 */
export const machineStealMs = () => machineCpu().steal;

/**
 * CPU time used by a process tree since tracking began, in ms. Every process seen in the tree (sampled every
 * `everyMs`) keeps its last seen user + system time, so processes that end — Chromium's renderers, or children
 * orphaned when their parent is stopped first and then reaped by init — still count (up to one interval each).
 */
export function trackTreeCpu(pid, everyMs = 250) {
  const last = new Map();
  const sample = () => {
    for (const p of [pid, ...descendants(pid)]) {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, "utf8");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const key = `${p}:${f[19]}`; // pid + start time: a reused pid is another process
        last.set(key, Number(f[11]) + Number(f[12]));
      } catch {
        /* gone */
      }
    }
  };
  sample();
  const base = [...last.values()].reduce((a, b) => a + b, 0);
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    totalMs() {
      sample();
      return (([...last.values()].reduce((a, b) => a + b, 0) - base) * 1000) / CLK_TCK;
    },
    stop: () => clearInterval(timer),
  };
}
