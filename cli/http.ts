/**
 * The CLI's one fetch primitive for the console API: the bearer token, a timeout, the error envelope turned into a
 * CliError (status, code, upstream, x-request-id), and the retries that cannot do anything twice — reads, and starts
 * that carry an Idempotency-Key (the console replays the first answer of a key instead of deploying again).
 */
import type { AnswerOf, JsonRoute, RequestOf } from "../lib/schemas/api";
import { CliError, EXIT, type ErrorDetail } from "./exit-codes";

export interface ClientOptions {
  url: string;
  token: string;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  userAgent: string;
  /** Each request and answer, one line (never a header's value). */
  debug?: (line: string) => void;
  timeoutMs?: number;
}

export interface Answer<T> {
  body: T;
  status: number;
  requestId: string | null;
  /** The console replayed the stored answer of this Idempotency-Key (an earlier attempt got through). */
  replayed: boolean;
}

interface CallOptions {
  idempotencyKey?: string;
}

type Sent = { params?: Record<string, string>; query?: Record<string, string | number | boolean | null | undefined>; body?: unknown };

/** Attempts per kind of request: a read and a keyed start are safe to repeat; anything else is sent once. */
const ATTEMPTS = { read: 4, keyed: 5, once: 1 } as const;
/** The longest Retry-After the CLI waits out on its own; longer ones are reported (exit 3). */
const MAX_RETRY_AFTER_S = 60;
const DEFAULT_TIMEOUT_MS = 60_000;

/** `/api/tasks/:taskId` with its parameters filled in (encoded) and the query's non-empty values appended. */
export function pathOf(route: string, sent: Sent): string {
  const path = route.slice(route.indexOf(" ") + 1).replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(sent.params?.[name] ?? ""));
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(sent.query ?? {})) if (v !== undefined && v !== null && v !== "") search.set(k, String(v));
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/** 1 s, 2 s, 4 s, … capped at 8 s. */
const backoffMs = (attempt: number) => Math.min(1000 * 2 ** (attempt - 1), 8000);

function isErrorDetail(body: unknown): body is { error: ErrorDetail } {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const { error } = body;
  return typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string";
}

/** Why fetch failed, in words: undici puts the system error (ECONNREFUSED, ENOTFOUND, …) in `cause`. */
function networkReason(err: unknown): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) return "no answer in time";
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return err instanceof Error ? err.message : String(err);
}

const retryAfterOf = (res: Response): number | null => {
  const v = res.headers.get("retry-after");
  return v !== null && /^\d{1,6}$/.test(v.trim()) ? Number(v) : null;
};

export class ConsoleClient {
  constructor(private readonly opts: ClientOptions) {
    // fetch itself would refuse such a header with a TypeError, which would read as "console unreachable".
    if (!/^[\x21-\x7e]+$/.test(opts.token)) {
      throw new CliError({
        exitCode: EXIT.unauthenticated,
        detail: {
          code: "token_invalid",
          message: "The token holds characters an HTTP header cannot carry: console API tokens look like cdc_ and 43 more characters.",
        },
      });
    }
  }

  get baseUrl() {
    return this.opts.url;
  }

  /** A JSON route of the console API; the answer is typed by its entry in lib/schemas/api.ts. */
  async call<K extends JsonRoute>(route: K, request: RequestOf<K>, options: CallOptions = {}): Promise<Answer<AnswerOf<K>>> {
    const sent = request as Sent;
    const method = route.slice(0, route.indexOf(" "));
    const path = pathOf(route, sent);
    const kind = method === "GET" ? "read" : options.idempotencyKey ? "keyed" : "once";
    const headers: Record<string, string> = {
      accept: "application/json",
      authorization: `Bearer ${this.opts.token}`,
      "user-agent": this.opts.userAgent,
      ...(sent.body !== undefined || method !== "GET" ? { "content-type": "application/json" } : {}),
      ...(options.idempotencyKey ? { "idempotency-key": options.idempotencyKey } : {}),
    };
    const body = sent.body !== undefined ? JSON.stringify(sent.body) : undefined;

    for (let attempt = 1; ; attempt++) {
      const last = attempt >= ATTEMPTS[kind];
      const started = Date.now();
      this.opts.debug?.(`→ ${method} ${path}${options.idempotencyKey ? ` (Idempotency-Key ${options.idempotencyKey})` : ""} attempt ${attempt}`);
      let res: Response;
      try {
        res = await this.opts.fetch(`${this.opts.url}${path}`, {
          method,
          headers,
          body,
          redirect: "manual",
          signal: AbortSignal.timeout(this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        });
      } catch (err) {
        const reason = networkReason(err);
        this.opts.debug?.(`✗ ${method} ${path}: ${reason}`);
        if (!last) {
          await this.opts.sleep(backoffMs(attempt));
          continue;
        }
        throw new CliError({
          exitCode: EXIT.unavailable,
          detail: { code: "network_error", message: `Could not reach the console at ${this.opts.url} (${reason}).` },
        });
      }
      const requestId = res.headers.get("x-request-id");
      const text = await res.text().catch(() => "");
      this.opts.debug?.(`← ${res.status} ${method} ${path} in ${Date.now() - started} ms${requestId ? ` (request id ${requestId})` : ""}`);
      let parsed: unknown = null;
      let parses = true;
      if (text) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parses = false;
        }
      }

      if (res.ok) {
        if (!parses || (res.status !== 204 && !text)) {
          throw new CliError({
            exitCode: EXIT.unavailable,
            status: res.status,
            requestId,
            detail: { code: "bad_response", message: `${this.opts.url}${path} did not answer JSON: is ${this.opts.url} a CodeArts Deploy Console?` },
          });
        }
        return { body: parsed as AnswerOf<K>, status: res.status, requestId, replayed: res.headers.get("idempotent-replayed") === "true" };
      }

      const detail: ErrorDetail = isErrorDetail(parsed)
        ? parsed.error
        : { code: `http_${res.status}`, message: `The console answered ${res.status} ${res.statusText || ""}`.trim() + " without an error body." };
      const retryAfter = retryAfterOf(res);
      const error = CliError.fromAnswer(res.status, detail, requestId, retryAfter);
      if (!last && kind !== "once" && (await this.retries(error, attempt))) continue;
      throw error;
    }
  }

  /** Whether an error answer is worth the same request again (after waiting as long as it says). */
  private async retries(error: CliError, attempt: number): Promise<boolean> {
    const { status, code } = error;
    let wait: number | null = null;
    if (status === 429 && code === "rate_limited" && error.retryAfter !== null && error.retryAfter <= MAX_RETRY_AFTER_S) wait = error.retryAfter * 1000 + 250;
    // The first request with this key is still being carried out: its answer will be replayed.
    else if (code === "idempotency_in_progress") wait = backoffMs(attempt);
    // The console's own database or gateway was briefly away; a keyed start is replayed or claimed anew.
    else if (status === 502 || status === 503 || status === 504) wait = code === "upstream_in_doubt" ? null : backoffMs(attempt);
    if (wait === null) return false;
    this.opts.debug?.(`… ${code}: trying again in ${Math.round(wait / 100) / 10} s`);
    await this.opts.sleep(wait);
    return true;
  }
}
