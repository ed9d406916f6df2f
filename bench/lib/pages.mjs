// Pages: Debian Chromium started by us (no chrome-launcher), Lighthouse 12 through its Node API on that port,
// and Playwright for the Chromium cross-check of first-load JS and the scale timings.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../scripts/chromium-args.mjs";
import { sleep, startProcess, stopProcess } from "./procs.mjs";

export const CHROMIUM = CHROMIUM_PATH;
export const CHROMIUM_FLAGS = CHROMIUM_ARGS;

export async function launchChromium(port) {
  const profile = mkdtempSync(join(tmpdir(), "bench-chromium-"));
  const proc = startProcess("chromium", CHROMIUM, [...CHROMIUM_FLAGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, "about:blank"]);
  const until = Date.now() + 30_000;
  let ok = false;
  while (Date.now() < until && !proc.exited) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/json/version`, { signal: AbortSignal.timeout(1_000) });
      if (r.ok) {
        ok = true;
        break;
      }
    } catch {
      /* starting */
    }
    await sleep(200);
  }
  const close = async () => {
    await stopProcess(proc);
    // Chromium's helpers may still be writing its cache for a moment after the browser process has gone; a profile
    // left in the temp directory is no reason to fail the run (it did once: ENOTEMPTY after the retries).
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
    } catch (err) {
      console.warn(`bench: could not remove Chromium's profile ${profile} (${err.code ?? err}); left in place`);
    }
  };
  if (!ok) {
    await close();
    throw new Error(`Chromium (${CHROMIUM}) did not open its debugging port ${port}:\n${proc.log.slice(-10).join("\n")}`);
  }
  return { port, proc, close };
}

const CATEGORIES = ["performance", "accessibility", "best-practices"];

/** One Lighthouse navigation run (default config: mobile, simulated throttling); `saveAs` keeps the whole report. */
export async function lighthouseRun(url, { port, cookie, preset, saveAs = null }) {
  const { default: lighthouse, desktopConfig } = await import("lighthouse");
  const flags = {
    port,
    hostname: "127.0.0.1",
    output: "json",
    logLevel: "error",
    onlyCategories: CATEGORIES,
    extraHeaders: cookie ? { Cookie: cookie } : undefined,
    maxWaitForLoad: 45_000,
  };
  const result = await lighthouse(url, flags, preset === "desktop" ? desktopConfig : undefined);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const lhr = result.lhr;
  if (saveAs) {
    mkdirSync(dirname(saveAs), { recursive: true });
    writeFileSync(saveAs, JSON.stringify(lhr));
  }
  const score = (id) => Math.round((lhr.categories[id]?.score ?? Number.NaN) * 100);
  // Performance: only the weighted metrics (the insights and diagnostics behind them are in the full report).
  const failing = (id) =>
    (lhr.categories[id]?.auditRefs ?? [])
      .filter((ref) => id !== "performance" || ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter(
        (a) =>
          a &&
          a.scoreDisplayMode !== "notApplicable" &&
          a.scoreDisplayMode !== "informative" &&
          a.scoreDisplayMode !== "manual" &&
          a.score !== null &&
          a.score < 1,
      )
      .map((a) => ({
        id: a.id,
        title: a.title,
        score: a.score,
        display: a.displayValue ?? null,
        items: (a.details?.items ?? [])
          .slice(0, 5)
          .map((i) => i.node?.snippet ?? i.node?.selector ?? i.url ?? i.source?.url ?? JSON.stringify(i).slice(0, 160)),
      }));
  const num = (id) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const requests = lhr.audits["network-requests"]?.details?.items ?? [];
  const scripts = requests.filter((r) => r.resourceType === "Script" && r.url.includes("/_next/static/"));
  return {
    url,
    finalUrl: lhr.finalDisplayedUrl ?? lhr.finalUrl,
    runtimeError: lhr.runtimeError?.message ?? null,
    warnings: lhr.runWarnings ?? [],
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    fcp: num("first-contentful-paint"),
    lcp: num("largest-contentful-paint"),
    tbt: num("total-blocking-time"),
    cls: num("cumulative-layout-shift"),
    si: num("speed-index"),
    failing: { performance: failing("performance"), accessibility: failing("accessibility"), "best-practices": failing("best-practices") },
    scriptTransferBytes: scripts.reduce((t, r) => t + (r.transferSize ?? 0), 0),
    scriptCount: scripts.length,
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
  };
}
