// Playwright in Debian Chromium: the picker timings (time to first rows, keystroke to updated list) and the
// cross-check of the first-load JS file set against what the browser really requests before `load`.
import { chromium } from "@playwright/test";
import { CHROMIUM, CHROMIUM_FLAGS } from "./pages.mjs";
import { median } from "./stats.mjs";

export async function openBrowser(base, session) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 900 } });
  if (session) await context.addCookies([{ name: session.name, value: session.value, url: base, httpOnly: true, sameSite: "Lax" }]);
  return { browser, context, close: () => browser.close() };
}

/** Script files requested before the load event (path relative to .next, e.g. static/chunks/x.js). */
export async function scriptsBeforeLoad(context, url) {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const requested = [];
    let loaded = false;
    cdp.on("Network.requestWillBeSent", (e) => {
      if (!loaded && e.type === "Script") requested.push(e.request.url);
    });
    page.once("load", () => {
      loaded = true;
    });
    await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    return [
      ...new Set(
        requested
          .map((u) => new URL(u).pathname)
          .filter((p) => p.startsWith("/_next/"))
          .map((p) => p.replace(/^\/_next\//, "")),
      ),
    ];
  } finally {
    await page.close();
  }
}

/** Records performance.now() (ms since navigation start) when the first picker row is in the DOM. */
const FIRST_ROWS_SCRIPT = () => {
  const seen = () => document.querySelector('[data-testid="app-row"]') !== null;
  const mark = () => {
    if (window.__benchFirstRows === undefined && seen()) window.__benchFirstRows = performance.now();
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", mark);
};

/** Time to first rows on /apps: one cold visit, then `runs` warm navigations (server and HTTP cache warm). */
export async function pickerFirstRows(context, base, runs = 5) {
  const page = await context.newPage();
  await page.addInitScript(FIRST_ROWS_SCRIPT);
  const once = async () => {
    await page.goto(`${base}/apps`, { waitUntil: "domcontentloaded", timeout: 60_000 });
    await page.waitForFunction(() => window.__benchFirstRows !== undefined, null, { timeout: 30_000, polling: 50 });
    return page.evaluate(() => window.__benchFirstRows);
  };
  try {
    const cold = await once();
    const warm = [];
    for (let i = 0; i < runs; i++) warm.push(await once());
    return { cold, warm };
  } finally {
    await page.close();
  }
}

/**
 * Keystroke → updated list: the search box holds `prefix`, the list shows its matches; one more key is pressed and
 * the time from its keydown to the DOM showing only rows matching prefix+key is measured in the page
 * (performance.now() in a capturing keydown listener and in a MutationObserver), and to the same with nothing
 * aria-busy (the server's answer in place: the picker narrows the rows on screen at once, then confirms).
 */
export async function searchKeystroke(context, base, trials) {
  const page = await context.newPage();
  const results = [];
  try {
    await page.goto(`${base}/apps`, { waitUntil: "load", timeout: 60_000 });
    await page.waitForSelector('[data-testid="app-row"]', { timeout: 30_000 });
    const box = page.locator('[data-testid="app-search"]');
    for (const { prefix, key } of trials) {
      await box.fill(prefix);
      await page.waitForFunction(
        (term) => {
          const rows = [...document.querySelectorAll('[data-testid="app-row"]')];
          return rows.length > 0 && rows.every((r) => (r.textContent ?? "").includes(term)) && !document.querySelector('[aria-busy="true"]');
        },
        prefix,
        { timeout: 30_000, polling: 50 },
      );
      await page.waitForTimeout(400); // let the debounce timer of the fill expire before measuring
      const term = prefix + key;
      await page.evaluate((t) => {
        window.__benchSearch = { term: t, t0: undefined, t1: undefined, t2: undefined };
        // t1: only matching rows shown; t2: the same with the server's answer (nothing aria-busy any more).
        const done = () => {
          const s = window.__benchSearch;
          if (s.t0 === undefined || s.t2 !== undefined) return;
          const rows = [...document.querySelectorAll('[data-testid="app-row"]')];
          if (rows.length > 0 && rows.every((r) => (r.textContent ?? "").includes(s.term))) {
            const now = performance.now();
            if (s.t1 === undefined) s.t1 = now;
            if (!document.querySelector('[aria-busy="true"]')) {
              s.t2 = now;
              obs.disconnect();
            }
          }
        };
        const obs = new MutationObserver(done);
        obs.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["aria-busy"] });
        document.addEventListener(
          "keydown",
          () => {
            if (window.__benchSearch.t0 === undefined) window.__benchSearch.t0 = performance.now();
          },
          { capture: true, once: true },
        );
      }, term);
      await box.press(key);
      await page.waitForFunction(() => window.__benchSearch.t2 !== undefined, null, { timeout: 30_000, polling: 20 });
      const { t0, t1, t2 } = await page.evaluate(() => window.__benchSearch);
      results.push({ term, ms: t1 - t0, confirmedMs: t2 - t0 });
    }
    return { trials: results, median: median(results.map((r) => r.ms)), confirmedMedian: median(results.map((r) => r.confirmedMs)) };
  } finally {
    await page.close();
  }
}
