import "server-only";
/**
 * The one POST of every HTTP channel: JSON out, the receiver's answer back as a DeliveryAnswer. What a status means
 * is shared (no answer, 429 and 5xx: try again; another 4xx or a redirect: trying again cannot help); what a 200
 * body means is the platform's (`judge`): Feishu, WeCom and DingTalk answer 200 with an error code in the body.
 *
 * The answer goes to the delivery log, which admins read: it never carries the URL (WeCom's key, DingTalk's token,
 * Slack's and Feishu's hook paths are the credential) nor the secret, even when an error message quotes them.
 */
import type { DeliveryAnswer, SendContext } from "../types";

/** The delivery log keeps this much of an answer. */
export const ANSWER_MAX_CHARS = 2000;
/** Read at most this much of an answer (a misdirected URL may stream a page). */
const READ_MAX_BYTES = 64 * 1024;

/** A platform's reading of an answer that got through (status not 429 or 5xx). */
export interface Verdict {
  ok: boolean;
  retryable: boolean;
}

export interface PostSpec {
  url: string;
  /** JSON text: sent as is (a signature covers these exact bytes). */
  body: string;
  headers?: Record<string, string>;
  /** Values to keep out of the answer besides the URL's credentials (the signing secret). */
  secrets?: (string | null)[];
  /** Reads the body of a non-429, non-5xx answer; undefined: the status decides. */
  judge?: (status: number, text: string) => Verdict | undefined;
}

/**
 * The parts of a URL that are, or may be, its credential: the URL itself, every query value and every long path
 * segment (Feishu's hook id, Slack's token, a generic webhook's token in its path).
 */
function credentialsOf(url: string): string[] {
  const found = new Set<string>([url]);
  if (URL.canParse(url)) {
    const u = new URL(url);
    found.add(u.href);
    for (const value of u.searchParams.values()) if (value.length >= 6) found.add(value);
    for (const segment of u.pathname.split("/")) if (segment.length >= 16) found.add(segment);
  }
  return [...found];
}

/** Replaces every credential, longest first (the URL before the key inside it), and their encoded forms. */
export function scrub(text: string, secrets: readonly (string | null | undefined)[]): string {
  const all = new Set<string>();
  for (const s of secrets) {
    if (!s) continue;
    all.add(s);
    all.add(encodeURIComponent(s));
  }
  let out = text;
  for (const s of [...all].sort((a, b) => b.length - a.length)) out = out.split(s).join("[redacted]");
  return out;
}

const clip = (text: string) => (text.length > ANSWER_MAX_CHARS ? `${text.slice(0, ANSWER_MAX_CHARS - 1)}…` : text);

/** Why no answer arrived, in words (the cause's code: ECONNREFUSED, ENOTFOUND, a TLS error…). */
function noAnswerReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === "string" ? cause.code : null;
  const message = typeof cause?.message === "string" ? cause.message : error instanceof Error ? error.message : String(error);
  return `no answer: ${code ? `${code} ` : ""}${message}`.trim();
}

async function readCapped(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < READ_MAX_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    if (size >= READ_MAX_BYTES) await reader.cancel().catch(() => undefined);
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, READ_MAX_BYTES));
}

/** What the status alone says (when the platform's body has no verdict). */
function byStatus(status: number): Verdict {
  if (status >= 200 && status < 300) return { ok: true, retryable: false };
  // 408 and 425 (Too Early) are the receiver asking for later; 3xx: the URL is to be updated, not followed.
  return { ok: false, retryable: status === 408 || status === 425 };
}

export async function postJson(spec: PostSpec, ctx: SendContext): Promise<DeliveryAnswer> {
  const secrets = [...credentialsOf(spec.url), ...(spec.secrets ?? [])];
  if (!URL.canParse(spec.url) || !/^https?:$/.test(new URL(spec.url).protocol)) return misconfigured("the URL is not an http(s) URL");
  let res: Response;
  try {
    res = await fetch(spec.url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", ...spec.headers },
      body: spec.body,
      redirect: "manual",
      signal: AbortSignal.timeout(ctx.timeoutMs),
    });
  } catch (error) {
    return { ok: false, status: null, body: clip(scrub(noAnswerReason(error, ctx.timeoutMs), secrets)), retryable: true };
  }
  let text: string;
  try {
    text = await readCapped(res);
  } catch (error) {
    // The status arrived, the body did not finish: the status still says what happened.
    text = `(answer cut off: ${noAnswerReason(error, ctx.timeoutMs)})`;
  }
  const body = clip(scrub(text, secrets));
  const status = res.status;
  if (status === 429 || status >= 500) return { ok: false, status, body, retryable: true };
  const verdict = spec.judge?.(status, text) ?? byStatus(status);
  return { ok: verdict.ok, status, body, retryable: verdict.ok ? false : verdict.retryable };
}

/** Parses JSON, or undefined when the text is not a JSON object. */
function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A judge for platforms that answer `{<field>: 0, …}` on success and a non-zero code on failure (in a 200 or a 4xx).
 * A 2xx without the field is not taken as delivered: something else answered (a proxy, a captive portal).
 */
export function codeJudge(fields: readonly string[], retryableCodes: readonly number[]) {
  return (status: number, text: string): Verdict | undefined => {
    const answer = jsonObject(text);
    const code = fields.map((f) => answer?.[f]).find((v) => typeof v === "number");
    if (typeof code === "number") return code === 0 && status < 300 ? { ok: true, retryable: false } : { ok: false, retryable: retryableCodes.includes(code) };
    return status >= 200 && status < 300 ? { ok: false, retryable: true } : undefined;
  };
}

/** A channel that cannot be sent to as configured (caught by the API's schema; kept for rows from before a change). */
export const misconfigured = (what: string): DeliveryAnswer => ({ ok: false, status: null, body: `channel misconfigured: ${what}`, retryable: false });
