/**
 * Wall-clock time in an IANA zone, with nothing but Intl (isomorphic: the server's check and the browser's preview
 * compute the same instants from the same tz data the runtime ships). A wall-clock reading is held as milliseconds
 * on a UTC-labelled timeline (`Date.UTC(y, m - 1, d, h, min)`): that timeline has no DST, so calendar arithmetic on
 * it (add a day, take the weekday) is plain arithmetic, and only the step to and from real instants needs the zone.
 *
 * Why not @date-fns/tz: the conversions needed are two (instant → reading, reading → instant) and the second one
 * needs an explicit rule for the readings DST skips or repeats, which a library would decide for us.
 */

export const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building one costs far more than formatting with it. */
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Whether the runtime knows `timeZone` as an IANA zone name. Offsets ("+08:00") are refused although newer engines
 * accept them: a fixed offset has no DST, so "Berlin time" written as "+01:00" would be wrong half the year.
 */
export function isTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z]/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return true;
  } catch (err) {
    if (err instanceof RangeError) return false;
    throw err;
  }
}

/** The wall-clock reading of an instant in the zone. */
export function wallOf(instantMs: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(instantMs)) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  const ms = ((instantMs % 1000) + 1000) % 1000;
  return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0) + ms;
}

const offsetAt = (instantMs: number, timeZone: string) => wallOf(instantMs, timeZone) - instantMs;

/**
 * The instant at which the zone's clocks read `wallMs`, for a window edge. A window covers every instant whose
 * reading falls inside it, so:
 * - a reading DST repeats (autumn) resolves to its first instant for a start and to its second for an end;
 * - a reading DST skips (the spring-forward gap, e.g. 02:30 in Berlin on 2026-03-29) resolves, for a start or an
 *   end alike, to the first instant after the gap (03:00 CEST): the first valid reading at or after it.
 * Assumes at most one offset change within a day of the reading (true of every zone in current tz data).
 */
export function instantOf(wallMs: number, timeZone: string, edge: "start" | "end"): number {
  const before = offsetAt(wallMs - DAY_MS, timeZone);
  const after = offsetAt(wallMs + DAY_MS, timeZone);
  const matches = [wallMs - before, wallMs - after].filter((t) => wallOf(t, timeZone) === wallMs);
  if (matches.length > 0) return edge === "start" ? Math.min(...matches) : Math.max(...matches);
  // A gap: at `lo` the clocks read before the skipped reading, at `hi` after it. The change is the first instant
  // with the later offset; halving the interval finds it to the millisecond (about 22 steps for a one-hour gap).
  let lo = wallMs - after;
  let hi = wallMs - before;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, timeZone) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Midnight of the reading's calendar day. */
export const dayOf = (wallMs: number) => Math.floor(wallMs / DAY_MS) * DAY_MS;
