// Step 3's Lighthouse runs: each page BENCH_LH_RUNS times with the mobile preset and BENCH_LH_DESKTOP_RUNS times with
// the desktop one, in a Chromium started for them (bench/lib/pages.mjs); a failed run is logged and left out.
import { join } from "node:path";
import { CFG, CONSOLE } from "./config.mjs";
import { say } from "./context.mjs";
import { launchChromium, lighthouseRun } from "./pages.mjs";

/** Lighthouse on the console's pages (`base` CONSOLE, with the session) or the bare Next.js app's (session null). */
export async function lighthousePages(pages, session, { base = CONSOLE, desktopRuns: desktopCount = CFG.lhDesktopRuns } = {}) {
  const chrome = await launchChromium(CFG.chromePort);
  const out = [];
  try {
    for (const p of pages) {
      const runs = [];
      const desktopRuns = [];
      for (const [preset, list, count] of [
        ["mobile", runs, CFG.lhRuns],
        ["desktop", desktopRuns, desktopCount],
      ]) {
        for (let i = 0; i < count; i++) {
          let r;
          try {
            r = await lighthouseRun(`${base}${p.path}`, {
              port: chrome.port,
              cookie: session?.header,
              preset,
              saveAs: CFG.lhDir ? join(CFG.lhDir, `${p.name}-${preset}-${i + 1}.json`) : null,
            });
          } catch (err) {
            say(`  lighthouse ${p.name} ${preset} run ${i + 1} failed: ${err instanceof Error ? err.message : String(err)}`);
            continue;
          }
          list.push(r);
          say(
            `  lighthouse ${p.name.padEnd(7)} ${preset.padEnd(7)} run ${i + 1}/${count}: performance ${r.performance}, accessibility ${r.accessibility}, best practices ${r.bestPractices}${r.runtimeError ? ` (error: ${r.runtimeError})` : ""}`,
          );
        }
      }
      out.push({ ...p, runs, desktopRuns });
    }
  } finally {
    await chrome.close();
  }
  return out;
}
