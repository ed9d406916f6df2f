// The bench's settings (environment, see bench/run.mjs) and the loopback addresses of the processes it starts.
// Importing this module makes the repository root the working directory, before any setting is read.
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";

export const root = new URL("../..", import.meta.url).pathname;
process.chdir(root);

const int = (name, dflt, min, max) => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return dflt;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) {
    console.error(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    process.exit(2);
  }
  return v;
};
export const QUICK = process.env.BENCH_QUICK === "1";
/** The steps BENCH_ONLY may name; 5 (memory) comes with 1 and 2. */
export const STEPS = [1, 2, 3, 4, 6, 7];
export const CFG = {
  simPort: int("BENCH_SIM_PORT", 9500, 1024, 65535),
  consolePort: int("BENCH_CONSOLE_PORT", 3500, 1024, 65535),
  plainPort: int("BENCH_PLAIN_PORT", 3501, 1024, 65535),
  nextPort: int("BENCH_NEXT_PORT", 3502, 1024, 65535),
  chromePort: int("BENCH_CHROME_PORT", 9522, 1024, 65535),
  runs: int("BENCH_RUNS", QUICK ? 1 : 3, 1, 10),
  durationS: int("BENCH_DURATION_S", QUICK ? 3 : 10, 1, 60),
  connections: int("BENCH_CONNECTIONS", 20, 1, 500),
  latencyMs: int("BENCH_LATENCY_MS", 50, 0, 5_000),
  sweepS: int("BENCH_SWEEP_S", QUICK ? 2 : 3, 1, 30),
  confirmS: int("BENCH_CONFIRM_S", QUICK ? 2 : 5, 1, 60),
  sweepConnections: [1, 2, 4, 8, 16, 32, 64, 128],
  p99LimitMs: 100,
  lhRuns: int("BENCH_LH_RUNS", QUICK ? 1 : 3, 1, 10),
  lhDesktopRuns: int("BENCH_LH_DESKTOP_RUNS", 1, 0, 10),
  only: (process.env.BENCH_ONLY ?? STEPS.join(","))
    .split(",")
    .map((x) => Number(x.trim()))
    .filter((x) => STEPS.includes(x)),
  apps: 2000,
  historyRecords: 500,
  historyDays: 92,
  pickerRuns: 5,
  historyRuns: 10,
  // Steps 1 and 2 read 1,200 finished records of 300 tasks (more than the console keeps, see setup.mjs).
  readTasks: 300,
  readRecordsPerTask: 4,
  // Step 7: viewers of one running record, each reading it every 2 s.
  viewers: int("BENCH_VIEWERS", 200, 1, 2_000),
  viewersS: int("BENCH_VIEWERS_S", QUICK ? 4 : 20, 2, 120),
  // Step 6: the ledger seeded for the audit, export and reconciler figures, and the timed runs of each.
  ledgerRows: int("BENCH_LEDGER_ROWS", QUICK ? 100_000 : 1_000_000, 1_000, 10_000_000),
  ledgerRuns: int("BENCH_LEDGER_RUNS", 5, 1, 20),
  ledgerDays: 92,
  doc: process.env.BENCH_DOC ?? "docs/BENCHMARKS.md",
  lhDir: process.env.BENCH_LH_DIR ? resolve(process.env.BENCH_LH_DIR) : null,
};
export const want = (step) => CFG.only.includes(step);
export const SIM = `http://127.0.0.1:${CFG.simPort}`;
export const CONSOLE = `http://127.0.0.1:${CFG.consolePort}`;
export const PLAIN = `http://127.0.0.1:${CFG.plainPort}`;
export const NEXT_FLOOR = `http://127.0.0.1:${CFG.nextPort}`;
export const NEXT_FLOOR_DIR = "bench/next-floor";
export const ADMIN_TOKEN = `bench-${randomBytes(8).toString("hex")}`;
