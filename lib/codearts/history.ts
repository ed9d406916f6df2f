/**
 * History windows: ListDeployTaskHistoryByDate accepts at most 30 days per call (end − start ≤ 30), so a
 * longer range is stitched from windows, newest first, and one console page is cut across them.
 */
import type { RecordSummary } from "../schemas/records";
import { addDays, daysBetween } from "./time";

export interface DateWindow {
  start: string; // yyyy-MM-dd, inclusive
  end: string; // yyyy-MM-dd, inclusive
}

/** Largest end − start we send; the API allows 30, one day of slack keeps us clear of an inclusive/exclusive doubt. */
export const MAX_WINDOW_SPAN_DAYS = 29;

/** Split [from, to] into windows of at most MAX_WINDOW_SPAN_DAYS + 1 calendar days, newest first. */
export function historyWindows(from: string, to: string): DateWindow[] {
  if (daysBetween(from, to) < 0) return [];
  const windows: DateWindow[] = [];
  let end = to;
  while (daysBetween(from, end) >= 0) {
    const candidate = addDays(end, -MAX_WINDOW_SPAN_DAYS);
    const start = daysBetween(from, candidate) > 0 ? candidate : from;
    windows.push({ start, end });
    end = addDays(start, -1);
  }
  return windows;
}

export interface PageSlice {
  window: number; // index into the windows
  page: number; // upstream page (1-based) with upstream size = pageSize
  skip: number; // items to drop from the front of that upstream page
  take: number; // items to keep
}

/**
 * Which upstream pages hold items [offset, offset + size) of the concatenation of windows with these totals,
 * when every upstream page has `size` items.
 */
export function planPages(totals: number[], offset: number, size: number): PageSlice[] {
  const slices: PageSlice[] = [];
  let start = offset;
  let remaining = size;
  let before = 0;
  for (let w = 0; w < totals.length && remaining > 0; w++) {
    const total = totals[w] ?? 0;
    if (start < before + total) {
      let local = start - before;
      while (remaining > 0 && local < total) {
        const page = Math.floor(local / size) + 1;
        const skip = local - (page - 1) * size;
        const take = Math.min(size - skip, total - local, remaining);
        slices.push({ window: w, page, skip, take });
        local += take;
        start += take;
        remaining -= take;
      }
    }
    before += total;
  }
  return slices;
}

/** What the console's ledger knows about how a record was started (lib/server/ledger/query.ts recordOrigins). */
export interface LedgerOrigin {
  action: "start" | "rollback";
  reason: string | null;
  targetRecordId: string | null;
  startedBy: { name: string | null; email: string | null };
}

/**
 * History rows with the ledger's facts: the start's reason, and "rollback of #N" when the console started the
 * record as a rollback. Records the console did not start (pipelines, the cloud's own UI) get nulls. The target's
 * release # comes from this page's own rows first, then from `releaseIds` (looked up in the history), else null.
 */
export function withLedgerFacts(
  items: readonly RecordSummary[],
  origins: ReadonlyMap<string, LedgerOrigin>,
  releaseIds: ReadonlyMap<string, number> = new Map(),
): RecordSummary[] {
  const onPage = new Map(items.flatMap((r) => (r.releaseId !== null ? [[r.recordId, r.releaseId] as const] : [])));
  return items.map((r) => {
    const origin = origins.get(r.recordId);
    const target = origin?.action === "rollback" ? origin.targetRecordId : null;
    return {
      ...r,
      reason: origin?.reason ?? null,
      startedBy: origin?.startedBy ?? null,
      rollbackOf: target ? { recordId: target, releaseId: onPage.get(target) ?? releaseIds.get(target) ?? null } : null,
    };
  });
}

/** Rollback targets of a page whose release # is not on the page itself (those need a history lookup). */
export function targetsToResolve(items: readonly RecordSummary[], origins: ReadonlyMap<string, LedgerOrigin>): string[] {
  const onPage = new Set(items.filter((r) => r.releaseId !== null).map((r) => r.recordId));
  const out = new Set<string>();
  for (const r of items) {
    const o = origins.get(r.recordId);
    if (o?.action === "rollback" && o.targetRecordId && !onPage.has(o.targetRecordId)) out.add(o.targetRecordId);
  }
  return [...out];
}
