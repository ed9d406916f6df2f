/**
 * History windows: ListDeployTaskHistoryByDate accepts at most 30 days per call (end − start ≤ 30), so a
 * longer range is stitched from windows, newest first, and one console page is cut across them.
 */
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
