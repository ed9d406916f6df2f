// Step 4's API timings: one task's history over the last CFG.historyDays days through the console's records route —
// the first page of 100, the UI's first page of 10, and every record, page after page.
import { CFG, CONSOLE } from "./config.mjs";

export const upstreamToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
export const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export async function timedJson(url, headers) {
  const t0 = performance.now();
  const r = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
  const json = await r.json();
  const ms = performance.now() - t0;
  if (!r.ok) throw new Error(`${url} answered ${r.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return { ms, json };
}

export async function historyTimings(taskId, session) {
  const headers = session ? { cookie: session.header } : {};
  const to = upstreamToday();
  const from = addDays(to, -(CFG.historyDays - 1));
  const url = (page, size) => `${CONSOLE}/api/tasks/${taskId}/records?from=${from}&to=${to}&page=${page}&size=${size}`;
  await timedJson(url(1, 100), headers); // warm-up
  const firstPage = [];
  let total = 0;
  for (let i = 0; i < CFG.historyRuns; i++) {
    const r = await timedJson(url(1, 100), headers);
    firstPage.push(r.ms);
    total = r.json.total;
  }
  const firstPageUi = [];
  for (let i = 0; i < CFG.historyRuns; i++) firstPageUi.push((await timedJson(url(1, 10), headers)).ms);
  // Every record of the range, 100 per page, one page after the other.
  const allPages = [];
  let pages = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    pages = 0;
    for (let page = 1; page <= Math.ceil(total / 100) && page <= 50; page++) {
      await timedJson(url(page, 100), headers);
      pages++;
    }
    allPages.push(performance.now() - t0);
  }
  return { from, to, total, firstPage, firstPageUi, allPages, pages };
}
