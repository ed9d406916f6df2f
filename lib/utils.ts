/** Small isomorphic helpers for the UI. */

export const SIGN_IN_PATH = "/sign-in";
/** Where the console lands after sign-in when no (usable) way back was given. */
export const HOME_PATH = "/apps";

/** The sign-in page with the way back to `path`. */
export const signInHref = (path: string) => `${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(path)}`;

/**
 * The path a sign-in may return to: only this origin's own pages (an open redirect would let a link to our
 * sign-in page forward a fresh session's user anywhere). Absolute URLs on `origin` are reduced to their path;
 * other origins, protocol-relative and non-http URLs, the API and the sign-in page itself give the fallback.
 */
export function safeCallbackPath(raw: string | null | undefined, origin: string, fallback = HOME_PATH): string {
  if (!raw) return fallback;
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin) return fallback;
  if (url.pathname === SIGN_IN_PATH || url.pathname === "/api" || url.pathname.startsWith("/api/")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Joins class names, skipping falsy ones. */
export function cn(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(" ");
}

/**
 * A v4 UUID. crypto.randomUUID exists only in secure contexts (https, localhost); a console reached over plain
 * http on a LAN name still needs Idempotency-Keys, so fall back to getRandomValues, which exists everywhere.
 */
export function uuid(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Two digits, zero-padded (clock fields, months, days). */
const pad2 = (n: number) => String(n).padStart(2, "0");

/** Milliseconds as H:MM:SS (or M:SS under an hour) — the same shape as the cloud's "HH:mm:ss" durations. */
export function formatElapsed(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return null;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${m}:${pad2(s)}`;
}

/**
 * A duration as CodeArts writes it (`HH:MM:SS`, e.g. the history's `00:00:06`) in the console's one format
 * (formatElapsed: `0:06`, `1:02:03`); anything else is shown as it came.
 */
export function durationText(cloud: string | null | undefined): string | null {
  if (!cloud) return null;
  const m = /^(\d+):([0-5]\d):([0-5]\d)$/.exec(cloud.trim());
  return m ? formatElapsed(((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000) : cloud;
}

/** A calendar date as yyyy-MM-dd in the browser's zone (the history API's day granularity). */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** [from, to] covering the last `days` days, today included. */
export function lastDays(days: number, now = new Date()): { from: string; to: string } {
  const from = new Date(now);
  from.setDate(from.getDate() - (days - 1));
  return { from: isoDate(from), to: isoDate(now) };
}

/** Parses a positive integer query value, else the fallback. */
export function positiveInt(value: string | null | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * Date and time with seconds, 24-hour, laid out as Intl.DateTimeFormat does for the console's locales with
 * { year: numeric, month/day/hour/minute/second: 2-digit, hourCycle: h23 }: en "11/30/2026, 04:36:27", zh-CN
 * "2026/11/30 04:36:27" (lib/utils.test.ts holds them equal). Built from Date's getters instead of Intl: a page's
 * first Intl formatter loads ICU's data, 20–65 ms of main thread in Chromium on this machine, paid during hydration.
 */
function dateTime(t: Date, zone: "local" | "utc", locale: string): string {
  const utc = zone === "utc";
  const [y, mo, d] = utc ? [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()] : [t.getFullYear(), t.getMonth() + 1, t.getDate()];
  const [h, mi, s] = utc ? [t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()] : [t.getHours(), t.getMinutes(), t.getSeconds()];
  const time = `${pad2(h)}:${pad2(mi)}:${pad2(s)}`;
  return locale.startsWith("zh") ? `${y}/${pad2(mo)}/${pad2(d)} ${time}` : `${pad2(mo)}/${pad2(d)}/${y}, ${time}`;
}

/** A UTC offset as people write it: "UTC", "UTC+8", "UTC−5", "UTC+5:30" (minutes east of UTC). */
export function offsetLabel(minutesEast: number): string {
  if (minutesEast === 0) return "UTC";
  const abs = Math.abs(minutesEast);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `UTC${minutesEast > 0 ? "+" : "−"}${h}${m ? `:${pad2(m)}` : ""}`;
}

/** The viewer's zone at an instant (offsets change with daylight saving). */
export const localZoneLabel = (t: Date) => offsetLabel(-t.getTimezoneOffset());

/**
 * Local and UTC renderings of an ISO-8601 instant, each with its zone visible (the one rule for times on every
 * page: the viewer's zone, marked); null when absent or unparseable.
 */
export function formatInstant(iso: string | null | undefined, locale: string): { local: string; utc: string } | null {
  if (!iso) return null;
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return null;
  return { local: `${dateTime(t, "local", locale)} ${localZoneLabel(t)}`, utc: `${dateTime(t, "utc", locale)} UTC` };
}

/**
 * Log lines that begin with a cloud timestamp (`yyyy-MM-dd HH:mm:ss`, optionally bracketed, optionally with a
 * fraction) in the viewer's zone instead: CodeArts writes its zone (`cloudOffsetMinutes`, e.g. +08:00) unmarked,
 * and the page shows every other time in the viewer's. Other text is left alone.
 */
export function localizeLogTimes(text: string, cloudOffsetMinutes: number): string {
  return text.replace(/^(\[?)(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/gm, (whole, open: string, y, mo, d, h, mi, s) => {
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - cloudOffsetMinutes * 60_000;
    const t = new Date(utc);
    if (Number.isNaN(t.getTime()) || Number(mo) > 12 || Number(h) > 23) return whole;
    return `${open}${t.getFullYear()}-${pad2(t.getMonth() + 1)}-${pad2(t.getDate())} ${pad2(t.getHours())}:${pad2(t.getMinutes())}:${pad2(t.getSeconds())}`;
  });
}
