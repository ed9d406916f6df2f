/**
 * When a freeze window is closed to deployments (pure): the occurrences of its schedule as real instants. Weekly
 * and cron schedules are read on the zone's wall clock (wall-clock.ts), so "Fri 18:00 Berlin" is 17:00 UTC in
 * winter and 16:00 UTC in summer, and a night that spans a DST change lasts an hour more or less.
 *
 * Occurrences of one window that overlap or touch are one occurrence (Mon–Wed and Tue–Thu openings freeze Mon–Thu):
 * "frozen until" must name the moment deployments really open again.
 */
import type { FreezeSchedule } from "../schemas/freeze-windows";
import { cronReadings } from "./cron";
import { DAY_MS, MINUTE_MS, dayOf, instantOf, wallOf } from "./wall-clock";

/** [from, to): instants in epoch milliseconds. */
export interface Occurrence {
  from: number;
  to: number;
}

interface Schedulable {
  timeZone: string;
  schedule: FreezeSchedule;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const WEEKDAY_INDEX: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** How far before a range an occurrence that reaches into it may have opened. */
function lookBackMs(s: FreezeSchedule): number {
  if (s.kind === "weekly") return 8 * DAY_MS;
  if (s.kind === "cron") return s.durationMinutes * MINUTE_MS + DAY_MS;
  return 0;
}

function rawOccurrences(w: Schedulable, fromMs: number, toMs: number): Occurrence[] {
  const s = w.schedule;
  if (s.kind === "once") return [{ from: Date.parse(s.from), to: Date.parse(s.to) }];
  const fromWall = wallOf(fromMs - lookBackMs(s), w.timeZone);
  const toWall = wallOf(toMs, w.timeZone) + DAY_MS;
  const out: Occurrence[] = [];
  if (s.kind === "weekly") {
    const days = new Set(s.days.map((d) => WEEKDAY_INDEX[d]));
    const start = minutesOf(s.start) * MINUTE_MS;
    const end = minutesOf(s.end) * MINUTE_MS;
    const offset = s.endDayOffset ?? (end <= start ? 1 : 0);
    for (let day = dayOf(fromWall); day <= toWall; day += DAY_MS) {
      if (!days.has(new Date(day).getUTCDay())) continue;
      out.push({ from: instantOf(day + start, w.timeZone, "start"), to: instantOf(day + offset * DAY_MS + end, w.timeZone, "end") });
    }
    return out;
  }
  for (const reading of cronReadings(s.cron, fromWall, toWall)) {
    const from = instantOf(reading, w.timeZone, "start");
    out.push({ from, to: from + s.durationMinutes * MINUTE_MS });
  }
  return out;
}

/** The window's occurrences that overlap [fromMs, toMs), merged where they overlap or touch, ascending. */
export function occurrencesBetween(w: Schedulable, fromMs: number, toMs: number): Occurrence[] {
  const sorted = rawOccurrences(w, fromMs, toMs)
    .filter((o) => o.to > o.from)
    .sort((a, b) => a.from - b.from);
  const merged: Occurrence[] = [];
  for (const o of sorted) {
    const last = merged.at(-1);
    if (last && o.from <= last.to) last.to = Math.max(last.to, o.to);
    else merged.push({ ...o });
  }
  return merged.filter((o) => o.to > fromMs && o.from < toMs);
}

/** The occurrence in force at `nowMs`, or null. */
export function occurrenceAt(w: Schedulable, nowMs: number): Occurrence | null {
  return occurrencesBetween(w, nowMs, nowMs + 1)[0] ?? null;
}

/**
 * The next `count` occurrences that end after `nowMs` (the one in force first, when there is one), looking at most
 * `horizonMs` ahead (a year by default: a cron for 29 February may find nothing sooner).
 */
export function nextOccurrences(w: Schedulable, nowMs: number, count: number, horizonMs = 366 * DAY_MS): Occurrence[] {
  if (w.schedule.kind === "once") return occurrencesBetween(w, nowMs, Number.MAX_SAFE_INTEGER).slice(0, count);
  const out: Occurrence[] = [];
  // Month by month, so a weekly window does not compute a year of openings to show five; one more than asked, so
  // the last one shown cannot still grow by merging with a later one.
  const step = 31 * DAY_MS;
  for (let from = nowMs; out.length <= count && from < nowMs + horizonMs; from += step) {
    for (const o of occurrencesBetween(w, from, Math.min(from + step, nowMs + horizonMs))) {
      const last = out.at(-1);
      if (last && o.from <= last.to) last.to = Math.max(last.to, o.to);
      else out.push(o);
    }
  }
  return out.slice(0, count);
}
