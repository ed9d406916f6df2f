// Steps 3 (pages) and 4 (scale of data), which share one data set: a fresh simulator seed, then CFG.historyRecords
// records for one task. Lighthouse on the console's pages and the bare Next.js app's, the Chromium cross-check of the
// first-load JS, the history timings, the picker's first rows and the search keystroke.
import { openBrowser, pickerFirstRows, scriptsBeforeLoad, searchKeystroke } from "./browser.mjs";
import { CFG, CONSOLE, NEXT_FLOOR, want } from "./config.mjs";
import { noteLoad, say } from "./context.mjs";
import { fillHistory, latestRecordOf } from "./data.mjs";
import { addDays, historyTimings, timedJson, upstreamToday } from "./history.mjs";
import { lighthousePages } from "./lighthouse.mjs";
import { sleep } from "./procs.mjs";
import { simAdmin } from "./servers.mjs";
import { median } from "./stats.mjs";

export async function pagesAndScale(results, { sign, session, historyTask }) {
  noteLoad("data set");
  say(`data for 3 and 4: reset, ${CFG.historyRecords} records for task ${historyTask.name}…`);
  await simAdmin("POST", "/__sim/reset");
  const headers = session ? { cookie: session.header } : {};
  const to = upstreamToday();
  const before = (await timedJson(`${CONSOLE}/api/tasks/${historyTask.taskId}/records?from=${addDays(to, -(CFG.historyDays - 1))}&to=${to}&size=1`, headers))
    .json.total;
  const filled = await fillHistory(sign, historyTask.taskId, before, CFG.historyRecords);
  await sleep(200); // the last record finishes (1 ms steps)
  const scale = { historyTask: historyTask.name, seededRecords: before, startedRecords: filled.created, refusedWhileRunning: filled.refused };
  const recordId = await latestRecordOf(sign, historyTask.taskId);
  const pagePaths = [
    { name: "picker", route: "/apps", path: "/apps" },
    { name: "task", route: "/tasks/[taskId]", path: `/tasks/${historyTask.taskId}` },
    { name: "record", route: "/tasks/[taskId]/records/[recordId]", path: `/tasks/${historyTask.taskId}/records/${recordId}` },
  ];

  if (want(3)) {
    noteLoad("step 3 (Lighthouse)");
    say(`3. pages: Lighthouse ${results.machine.versions.lighthouse}, ${CFG.lhRuns} mobile + ${CFG.lhDesktopRuns} desktop run(s) per page…`);
    results.lighthouse = await lighthousePages(pagePaths, session);
    say("   the bare Next.js app's page, mobile…");
    results.lighthouseFloor = await lighthousePages([{ name: "bare Next.js", route: "/", path: "/" }], null, { base: NEXT_FLOOR, desktopRuns: 0 });
  }

  noteLoad(want(4) ? "step 4" : "step 3 (cross-check)");
  const browser = await openBrowser(CONSOLE, session);
  try {
    if (want(3)) {
      // Does the browser load exactly the files the build-output method counts?
      results.crossCheck = [];
      for (const p of pagePaths) {
        const loaded = await scriptsBeforeLoad(browser.context, `${CONSOLE}${p.path}`);
        const counted = results.bundles.routes.find((r) => r.route === p.route)?.files ?? [];
        results.crossCheck.push({ ...p, loaded, missing: counted.filter((f) => !loaded.includes(f)), extra: loaded.filter((f) => !counted.includes(f)) });
      }
    }
    if (want(4)) {
      say("4. scale of data…");
      scale.history = await historyTimings(historyTask.taskId, session);
      say(`  history over ${CFG.historyDays} days (${scale.history.total} records): first page of 100 median ${median(scale.history.firstPage).toFixed(1)} ms`);
      scale.picker = await pickerFirstRows(browser.context, CONSOLE, CFG.pickerRuns);
      say(`  picker first rows: cold ${scale.picker.cold.toFixed(0)} ms, warm median ${median(scale.picker.warm).toFixed(0)} ms`);
      scale.search = await searchKeystroke(browser.context, CONSOLE, [
        { prefix: "bench-app-00", key: "1" },
        { prefix: "bench-app-01", key: "2" },
        { prefix: "bench-app-00", key: "7" },
        { prefix: "bench-app-01", key: "5" },
        { prefix: "bench-app-00", key: "9" },
      ]);
      say(`  search keystroke → list: median ${scale.search.median.toFixed(0)} ms (server answer shown: ${scale.search.confirmedMedian.toFixed(0)} ms)`);
      results.scale = scale;
    }
  } finally {
    await browser.close();
  }
}
