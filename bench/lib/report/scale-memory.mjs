// Sections 4 (scale of data) and 5 (memory) of the document, and the closing "How to run". Each renderer returns its
// section's lines.
import { fmt, median, medRange, range } from "../stats.mjs";
import { MB } from "./format.mjs";

/** The picker, search and history rows of section 4's table. */
function scaleRows(sc, c) {
  const L = [];
  const h = sc.history;
  L.push(
    `| picker time to first rows, warm | Playwright in Chromium, \`/apps\` navigated ${sc.picker.warm.length} times after a first visit; \`performance.now()\` (from navigation start) when the first \`[data-testid=app-row]\` enters the DOM (MutationObserver) | ${medRange(sc.picker.warm, 0)} ms (cold ${fmt(sc.picker.cold, 0)} ms) |`,
  );
  L.push(
    `| search keystroke → updated list | the search box holds e.g. \`bench-app-00\`; one key is pressed; from its \`keydown\` to the DOM showing only rows that match the new term (${sc.search.trials.length} trials: ${sc.search.trials.map((t) => `\`${t.term}\` ${fmt(t.ms, 0)} ms`).join(", ")}) | ${medRange(
      sc.search.trials.map((t) => t.ms),
      0,
    )} ms |`,
  );
  if (sc.search.trials.every((t) => t.confirmedMs !== undefined)) {
    L.push(
      `| search keystroke → server's answer shown | as above, until the rows match and nothing is \`aria-busy\` any more (the server's list for the new term in place) | ${medRange(
        sc.search.trials.map((t) => t.confirmedMs),
        0,
      )} ms |`,
    );
  }
  L.push(
    `| history over ${c.historyDays} days, first page of 100 | \`GET /api/tasks/{t}/records?from=${h.from}&to=${h.to}&size=100\` (${h.total} records; 4 upstream windows of ≤ 30 days), ${h.firstPage.length} sequential requests after a warm-up | ${medRange(h.firstPage, 0)} ms |`,
  );
  L.push(`| history, first page of 10 (the UI's page) | as above with size=10 | ${medRange(h.firstPageUi, 0)} ms |`);
  L.push(`| history, all ${h.total} records | ${h.pages} pages of 100, one after the other, ${h.allPages.length} times | ${medRange(h.allPages, 0)} ms |`);
  return L;
}

/** 4: the data set, then the picker's first rows, the search keystroke and the history timings. */
export function scaleSection(r) {
  const L = [];
  const sc = r.scale;
  if (!sc) return L;
  const c = r.config;
  L.push("## 4. Scale of data");
  L.push("");
  L.push(
    `Steps 3 and 4 run first, right after start-up (Lighthouse is the most sensitive to other load), then 1, 2 and 5, then 7 and 6. For 3 and 4 the simulator is reset (${c.apps} apps, fresh seed); task **${sc.historyTask}** had ${sc.seededRecords} records in the last ${c.historyDays} days and ${sc.startedRecords} more were started through the simulator one after the other (1 ms steps; ${sc.refusedWhileRunning} starts met the previous record still running and were repeated) — the seed has no option for a long history; these new records all lie in the newest 30-day window.`,
  );
  L.push("");
  L.push("| measure | how | median (min–max) |\n|---|---|---:|");
  L.push(...scaleRows(sc, c));
  L.push("");
  L.push(
    "The picker (components/apps/apps-view.tsx) reads every app it may show once the search box is first used (GET /api/apps, pages of 100, up to 5,000 apps, kept 30 s) and, at each keystroke, shows the new term's rows from that list at once (the table aria-busy); after a 150 ms typing pause it asks the server, whose answer replaces the preview. The server answers searches from a snapshot of every app at most 10 s old (lib/server/apps-access.ts): ListAllApp has no name filter, so without it each search walked every upstream page (100 apps each). The first row above is what the user sees change; the second includes the debounce and the request.",
  );
  L.push("");
  return L;
}

/** 5: the console's RSS idle, during steps 1 and 2, and at the end (none when neither 1 nor 2 ran). */
export function memorySection(r) {
  const L = [];
  const mem = r.memory;
  if (!(mem?.step1 || mem?.step2)) return L;
  const c = r.config;
  L.push("## 5. Memory");
  L.push("");
  L.push(
    `VmRSS of the console server process (\`next start\`; its descendants included, there are none) from /proc every 250 ms${c.consoleNodeOptions ? `, console started with NODE_OPTIONS=\`${c.consoleNodeOptions}\`` : ", default V8 heap settings"}.`,
  );
  L.push("");
  const row = (name, xs) => `| ${name} | ${fmt(median(xs) / MB, 0)} | ${fmt(range(xs)[1] / MB, 0)} |`;
  L.push("| phase | median MB | peak MB |\n|---|---:|---:|");
  L.push(`| idle after start-up | ${fmt(mem.idle / MB, 0)} | ${fmt(mem.idle / MB, 0)} |`);
  if (mem.step1) L.push(row("1. proxy overhead", mem.step1));
  if (mem.step2) L.push(row("2. saturation", mem.step2));
  if (mem.end) L.push(`| end of the run | ${fmt(mem.end / MB, 0)} | ${fmt(mem.end / MB, 0)} |`);
  L.push("");
  L.push(
    "Without a heap limit the RSS of a Node.js process keeps rising for a while under sustained load: V8 grows its old space lazily up to a limit derived from the machine's memory (about 4 GB here), which is what the first measurement of this file showed (874 MB). `npm start` and this bench start the console with `--max-old-space-size` and a smaller young generation, `--max-semi-space-size` (scripts/heap.mjs); to see other limits, run with e.g. `BENCH_CONSOLE_NODE_OPTIONS=--max-old-space-size=512`.",
  );
  L.push("");
  return L;
}

/** The commands and settings that produce this document. */
export function howToRunSection() {
  const L = [];
  L.push("## How to run");
  L.push("");
  L.push(
    "```sh\nnpm run bench                      # about 20 minutes (step 6 about 8 of them); builds first when the sources are newer than .next\nBENCH_QUICK=1 npm run bench        # smoke run: 1 short run per measure (about 3 minutes)\nBENCH_ONLY=6 npm run bench         # the ledger alone: 1,000,000 rows on SQLite and PostgreSQL (step 6)\nBENCH_ONLY=7 npm run bench         # 200 viewers of one running record (step 7)\nnode scripts/check-bundle-budget.mjs   # after a build: first-load JS per route against bench/budgets.json\n```",
  );
  L.push("");
  L.push(
    "Settings (environment): BENCH_ONLY (steps, e.g. \`1,2\`), BENCH_CONSOLE_NODE_OPTIONS, BENCH_CONSOLE_NODE_ARGS, BENCH_LEDGER_ROWS (1000000; 100000 with BENCH_QUICK=1), BENCH_LEDGER_RUNS (5), BENCH_RUNS, BENCH_DURATION_S, BENCH_CONNECTIONS, BENCH_LATENCY_MS, BENCH_SWEEP_S, BENCH_CONFIRM_S, BENCH_LH_RUNS, BENCH_LH_DESKTOP_RUNS, BENCH_SKIP_BUILD=1, BENCH_SIM_PORT (9500), BENCH_CONSOLE_PORT (3500), BENCH_PLAIN_PORT (3501), BENCH_NEXT_PORT (3502), BENCH_CHROME_PORT (9522), BENCH_VERBOSE=1. The bench needs those ports free and Debian Chromium at /usr/bin/chromium (CHROMIUM_PATH).",
  );
  L.push("");
  return L;
}
