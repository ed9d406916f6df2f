#!/usr/bin/env node
// `npm run bench`: how much the console adds, how fast its pages are, how it scales. Not part of `npm test`.
// Builds when needed, starts the CodeArts Deploy simulator and the console (cloud mode, pointed at that simulator,
// signed in as a local admin), then measures: 1 proxy overhead, 2 saturation beside a plain signing proxy,
// 3 pages (first-load JS, Lighthouse), 4 scale of data, 5 memory, 6 scale of the ledger (1,000,000 rows on SQLite
// and PostgreSQL, the console's query code timed in a process of its own), 7 viewers (200 people watching one
// running record: the upstream calls they cost and their latency against direct reads). Beside the console, with the same figures
// where they apply, the floors: a plain Node.js proxy (bench/plain-proxy.mjs) and a bare Next.js app
// (bench/next-floor) making the same upstream calls. Writes docs/BENCHMARKS.md and prints a summary.
// Loopback only; every loop is bounded in count and time; every process started here is stopped here (by pid).
//
// Settings (environment): BENCH_RUNS (3), BENCH_DURATION_S (10), BENCH_CONNECTIONS (20), BENCH_LATENCY_MS (50),
// BENCH_SWEEP_S (3), BENCH_CONFIRM_S (5), BENCH_LH_RUNS (3, mobile = Lighthouse's default), BENCH_LH_DESKTOP_RUNS (1),
// BENCH_SKIP_BUILD=1, BENCH_QUICK=1 (a short smoke run:
// 1 run of 3 s, 1 Lighthouse run), BENCH_SIM_PORT (9500), BENCH_CONSOLE_PORT (3500), BENCH_PLAIN_PORT (3501),
// BENCH_NEXT_PORT (3502, the bare Next.js app), BENCH_CHROME_PORT (9522), BENCH_VERBOSE=1 (child output), BENCH_DOC (docs/BENCHMARKS.md),
// BENCH_VIEWERS (200), BENCH_VIEWERS_S (20; 4 with BENCH_QUICK=1), BENCH_CONSOLE_NODE_OPTIONS (NODE_OPTIONS for the console only; the heap limit of scripts/heap.mjs is added
// unless they set --max-old-space-size / --max-semi-space-size themselves),
// BENCH_CONSOLE_NODE_ARGS (node flags for the console process only, e.g. --cpu-prof --cpu-prof-dir=…),
// BENCH_ONLY (steps to run, e.g. "1,2"; 5 comes with 1 and 2, the first-load JS figures with any of 1–4; "6" alone
// builds nothing and starts neither the simulator nor the console), BENCH_LEDGER_ROWS (1000000; 100000 with BENCH_QUICK=1), BENCH_LEDGER_RUNS (5),
// BENCH_LH_DIR (a folder: every Lighthouse run's full report is written there as <page>-<preset>-<n>.json, for the
// diagnostics behind the scores: bootup-time, mainthread-work-breakdown, long-tasks, the LCP element).
//
// The steps live in bench/lib: config.mjs (settings, addresses), context.mjs (progress log, load notes, clean-up),
// build.mjs, setup.mjs (servers.mjs, data.mjs, requests.mjs), pages-and-scale.mjs (3 and 4: lighthouse.mjs,
// history.mjs, browser.mjs), overhead.mjs (1), saturation.mjs (2), procs.mjs (5: memory), ledger-scale.mjs (6, with
// bench/ledger/*.ts), viewers.mjs (7), report.mjs (the document and the summary; one renderer per section in report/).
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { withHeapLimit } from "../scripts/heap.mjs";
import { CFG, QUICK, STEPS, root, want } from "./lib/config.mjs";
import { buildAll } from "./lib/build.mjs";
import { cleanup, loadLog, noteLoad, say, started } from "./lib/context.mjs";
import { machine } from "./lib/machine.mjs";
import { overhead } from "./lib/overhead.mjs";
import { pagesAndScale } from "./lib/pages-and-scale.mjs";
import { ledgerScale } from "./lib/ledger-scale.mjs";
import { killAllSync, sampleRss, sleep, treeRss } from "./lib/procs.mjs";
import { renderReport, summaryLines } from "./lib/report.mjs";
import { saturation } from "./lib/saturation.mjs";
import { setUp } from "./lib/setup.mjs";
import { viewers } from "./lib/viewers.mjs";

process.on("exit", () => killAllSync());
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the benchmark's processes…`);
    cleanup().finally(() => process.exit(130));
  });
}

async function main() {
  const results = {
    startedAt: new Date().toISOString(),
    config: { ...CFG, steps: STEPS, quick: QUICK, consoleNodeOptions: withHeapLimit(process.env.BENCH_CONSOLE_NODE_OPTIONS ?? "") },
    machine: machine(),
    notes: [],
  };
  results.load = loadLog;
  // Two quiet seconds first: how busy is the machine before the bench starts anything?
  noteLoad("before start");
  await sleep(2_000);
  noteLoad("set-up");
  const othersAtStart = loadLog.at(-1).foreignSincePrevious ?? 0;
  say(
    `machine: ${results.machine.nproc} CPU (${results.machine.cpuModel}), ${results.machine.memTotalMiB} MiB, Node ${results.machine.node}; other processes use ${(othersAtStart * 100).toFixed(0)} % of the CPUs`,
  );
  if (othersAtStart > 0.15) say("warning: the machine is busy; the figures will be pessimistic and noisy — best run on an idle machine");

  // Step 6 needs no build, simulator or console (it runs the console's server modules from source).
  if (![1, 2, 3, 4, 7].some(want)) {
    await step6(results);
    return finish(results, null);
  }
  buildAll(results);
  const { consoleProc, session, sign, historyTask, viewedTask, loadMakers } = await setUp(results);

  // Pages (3) and scale (4) first, while the machine is as quiet as it was at the start: Lighthouse is the most
  // sensitive to other load. They share the data set: a fresh seed, then 500 records for one task.
  if (want(3) || want(4)) await pagesAndScale(results, { sign, session, historyTask });
  const makers = want(1) || want(2) ? await loadMakers() : null;
  // 1 + 5
  if (want(1)) {
    noteLoad("step 1");
    const sampler = sampleRss(consoleProc.pid);
    results.overhead = await overhead(makers);
    results.memory.step1 = sampler.stop();
  }
  // 2 + 5
  if (want(2)) {
    noteLoad("step 2");
    const sampler = sampleRss(consoleProc.pid);
    results.saturation = await saturation(makers);
    results.memory.step2 = sampler.stop();
  }
  // 7: after the load steps (its record keeps running; no later step starts on its task).
  if (want(7) && session) {
    noteLoad("step 7");
    results.viewers = await viewers({ sign, session, task: viewedTask });
  }
  await step6(results);
  return finish(results, consoleProc);
}

/** 6, last: the most CPU and disk of any step, and nothing of the console's process is measured during it. */
async function step6(results) {
  if (!want(6)) return;
  noteLoad("step 6");
  await ledgerScale(results);
}

async function finish(results, consoleProc) {
  if (consoleProc) results.memory.end = treeRss(consoleProc.pid);

  noteLoad("end");
  results.finishedAt = new Date().toISOString();
  results.totalSeconds = (Date.now() - started) / 1000;
  await cleanup();

  const doc = renderReport(results);
  writeFileSync(resolve(root, CFG.doc), doc);
  const raw = join(tmpdir(), `codearts-bench-${Date.now()}.json`);
  writeFileSync(raw, JSON.stringify(results, null, 1));
  console.log(`\n${summaryLines(results).join("\n")}\n\nWrote ${CFG.doc} (raw figures: ${raw}) in ${results.totalSeconds.toFixed(0)} s.`);
}

main().catch(async (err) => {
  console.error(`\nbench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  await cleanup();
  process.exit(1);
});
