// Step 6, scale of the ledger: on SQLite (a file in the bench's temporary directory) and on a throwaway PostgreSQL
// (scripts/pg.mjs; skipped with a note when Debian's postgresql is not installed), bench/ledger/worker.ts migrates a
// fresh database with the console's migrations, seeds CFG.ledgerRows realistic ledger rows and times the audit
// page's queries, the CSV export, the reconciler's pass and starts with the console's own code (server time only).
// One worker process per database, started and stopped here by pid; its figures come back in a JSON file.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { findPostgresBin, startThrowawayPostgres } from "../../scripts/pg.mjs";
import { CFG } from "./config.mjs";
import { atCleanup, say, work } from "./context.mjs";
import { startProcess } from "./procs.mjs";

/** Runs the worker on one database; resolves with its figures, rejects with its last output lines on failure. */
async function runWorker(dialect, target) {
  const out = join(work, `ledger-${dialect}.json`);
  const where = dialect === "postgres" ? ["--url", target] : ["--file", target];
  const args = [
    "--conditions=react-server",
    "--expose-gc",
    "--import",
    "tsx",
    "bench/ledger/worker.ts",
    "--dialect",
    dialect,
    ...where,
    "--rows",
    String(CFG.ledgerRows),
    "--days",
    String(CFG.ledgerDays),
    "--runs",
    String(CFG.ledgerRuns),
    "--out",
    out,
  ];
  // The worker's progress (stderr) is shown as it comes; the console's own log lines (stdout) only with BENCH_VERBOSE=1.
  const proc = startProcess(`ledger-${dialect}`, process.execPath, args, { env: { ...process.env, NODE_ENV: "production" } });
  proc.child.stderr.on("data", (chunk) => {
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim() && process.env.BENCH_VERBOSE !== "1") say(`  [${dialect}] ${line}`);
  });
  const code = await new Promise((resolve) => (proc.exited ? resolve(proc.exitCode) : proc.child.once("exit", (c, s) => resolve(c ?? s))));
  if (code !== 0) throw new Error(`the ledger bench on ${dialect} exited ${code}:\n${proc.log.slice(-30).join("\n")}`);
  return JSON.parse(readFileSync(out, "utf8"));
}

export async function ledgerScale(results) {
  const ledger = { rows: CFG.ledgerRows, days: CFG.ledgerDays, runs: CFG.ledgerRuns, dbs: [], skipped: [] };
  results.ledger = ledger;
  say(`6. scale of the ledger: ${CFG.ledgerRows} rows over ${CFG.ledgerDays} days, SQLite…`);
  const file = join(work, "ledger.sqlite");
  try {
    ledger.dbs.push(await runWorker("sqlite", file));
  } finally {
    // About a gigabyte with its WAL: gone before PostgreSQL writes its own copy.
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  }

  if (!findPostgresBin()) {
    ledger.skipped.push("PostgreSQL was not measured: Debian's postgresql is not installed (apt-get install -y postgresql).");
    say("  PostgreSQL skipped: Debian's postgresql is not installed");
    return;
  }
  say("6. scale of the ledger, PostgreSQL (a throwaway server)…");
  const pg = await startThrowawayPostgres({ database: "ledger_bench" });
  const stop = atCleanup(() => pg.stop());
  try {
    ledger.dbs.push(await runWorker("postgres", pg.url));
  } finally {
    stop();
  }
}
