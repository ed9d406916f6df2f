/**
 * Upstream times are zone-less "yyyy-MM-dd HH:mm:ss" strings (sometimes with ".0"); the console speaks ISO UTC.
 * The offset of the upstream clock is configuration (CODEARTS_UTC_OFFSET, Beijing time by default).
 */
import { LOCAL_TIME_PATTERN } from "./schemas";

const DAY_MS = 86_400_000;

/** "2026-04-17 17:26:47.0" at +480 min → "2026-04-17T09:26:47.000Z"; null for blanks and garbage. */
export function upstreamTimeToIso(value: string | null | undefined, offsetMinutes: number): string | null {
  if (!value) return null;
  const v = value.trim();
  if (!LOCAL_TIME_PATTERN.test(v)) {
    const t = Date.parse(v);
    return Number.isFinite(t) ? new Date(t).toISOString() : null;
  }
  const [date = "", time = ""] = v.split(" ");
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi, sFrac] = time.split(":");
  const secs = Number(sFrac);
  const ms = Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1, Number(h), Number(mi), Math.floor(secs), Math.round((secs % 1) * 1000));
  return new Date(ms - offsetMinutes * 60_000).toISOString();
}

/** The calendar date (yyyy-MM-dd) at the upstream clock for an instant. */
export function upstreamDate(instantMs: number, offsetMinutes: number): string {
  return new Date(instantMs + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** Whole days from a to b (both yyyy-MM-dd). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
