/**
 * Time formats of the wire: CodeArts answers zone-less "yyyy-MM-dd HH:mm:ss" strings in the region's local time
 * (UTC+08:00 for the Chinese-mainland regions); IAM answers ISO-8601 UTC with microseconds.
 */

/** Offset of the zone-less times CodeArts Deploy emits (China Standard Time). */
const UPSTREAM_UTC_OFFSET_MINUTES = 480;

const OFFSET_MS = UPSTREAM_UTC_OFFSET_MINUTES * 60_000;
export const DAY_MS = 86_400_000;

/** "yyyy-MM-dd HH:mm:ss" in upstream local time. */
export function formatLocal(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** The same with the trailing ".0" some app fields carry. */
export function formatLocalDotZero(ms: number): string {
  return `${formatLocal(ms)}.0`;
}

/** "yyyy-MM-dd" of the upstream local day containing `ms`. */
export function localDate(ms: number): string {
  return formatLocal(ms).slice(0, 10);
}

/**
 * Epoch ms of 00:00:00 upstream local time on a "yyyy-MM-dd" day, or null when it is not a real calendar date.
 */
export function parseLocalDate(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return utc - OFFSET_MS;
}

/** IAM style: "2020-01-04T09:05:22.701000Z" (UTC, microseconds). */
export function formatIamTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/** "HH:mm:ss" (hours may exceed 24). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((n) => String(n).padStart(2, "0")).join(":");
}
