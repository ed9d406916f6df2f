/**
 * The browser's one fetch primitive for the console API (/api/*), typed by the route's entry in lib/schemas/api.ts
 * (what it takes and answers; the same schemas the server validates with). Every non-2xx answer is an ApiErrorBody
 * and becomes a typed ApiError; a network failure becomes ApiError code "network_error" (status 0). A 401 (no or
 * expired session) sends the browser to the sign-in page, once, and comes back here afterwards.
 */
import type { AnswerOf, ApiRoute, JsonRoute, RequestOf } from "@/lib/schemas/api";
import type { ApprovalDifference } from "@/lib/schemas/approvals";
import type { ApiErrorBody } from "@/lib/schemas/errors";
import type { TaskFreeze } from "@/lib/schemas/freeze-windows";
import type { InFlight } from "@/lib/schemas/tasks";
import { SIGN_IN_PATH, signInHref } from "@/lib/utils";

type ErrorDetail = ApiErrorBody["error"];

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly upstream: ErrorDetail["upstream"];
  readonly issues: NonNullable<ErrorDetail["issues"]>;
  /** deploy_in_progress: the deployment that holds the task, when the server knows it. */
  readonly inFlight: InFlight | null;
  /** change_freeze: the windows in force that refused the start. */
  readonly freeze: TaskFreeze | null;
  /** approval_mismatch: what differs from the approved request (never a secret's value). */
  readonly differences: ApprovalDifference[];
  /** What exactly the refusal is about (lib/schemas/error-codes.ts ERROR_REASONS), and the values it names. */
  readonly reason: string | null;
  readonly args: Record<string, string>;

  constructor(status: number, detail: ErrorDetail) {
    super(detail.message);
    this.name = "ApiError";
    this.status = status;
    this.code = detail.code;
    this.upstream = detail.upstream;
    this.issues = detail.issues ?? [];
    this.inFlight = detail.inFlight ?? null;
    this.freeze = detail.freeze ?? null;
    this.differences = detail.differences ?? [];
    this.reason = detail.reason ?? null;
    this.args = detail.args ?? {};
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const { error } = body;
  return typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string";
}

/** Builds `path?k=v…`, leaving out empty values. */
export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") search.set(k, String(v));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

let redirecting = false;

/**
 * Leaves for the sign-in page (with the way back) and never settles: the queries and mutations waiting on it
 * keep their pending state instead of flashing an error while the browser navigates away.
 */
function redirectToSignIn(): Promise<never> {
  const { pathname, search, hash } = window.location;
  if (!redirecting && pathname !== SIGN_IN_PATH) {
    redirecting = true;
    window.location.assign(signInHref(`${pathname}${search}${hash}`));
  }
  return new Promise<never>(() => {});
}

type Sent = { params?: Record<string, string>; query?: Record<string, string | number | null | undefined>; body?: unknown };

/** The URL of a route's call: its `:parameters` filled in (encoded), its query appended. Also for links (CSV, logs). */
export function apiPath<K extends ApiRoute>(route: K, request: RequestOf<K>): string {
  const { params, query } = request as Sent;
  const path = route.slice(route.indexOf(" ") + 1).replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params?.[name] ?? ""));
  return query ? withQuery(path, query) : path;
}

type Call<K extends ApiRoute> = RequestOf<K> & { headers?: Record<string, string>; signal?: AbortSignal };

/** A call of a JSON route; the request argument may be left out when the route takes nothing. */
export async function apiFetch<K extends JsonRoute>(route: K, ...[call]: object extends RequestOf<K> ? [Call<K>?] : [Call<K>]): Promise<AnswerOf<K>> {
  const init = (call ?? {}) as Call<K> & Sent;
  const method = route.slice(0, route.indexOf(" "));
  const path = apiPath(route, init);
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        Accept: "application/json",
        // Mutations always declare JSON (the server refuses other content types for state changes).
        ...(init.body !== undefined || method !== "GET" ? { "Content-Type": "application/json" } : {}),
        ...init.headers,
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal: init.signal,
      cache: "no-store",
    });
  } catch (e) {
    if (init.signal?.aborted) throw e; // react-query cancelled it; not an error to show
    throw new ApiError(0, { code: "network_error", message: e instanceof Error ? e.message : String(e) });
  }
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!res.ok) {
    if (res.status === 401 && typeof window !== "undefined") return redirectToSignIn();
    if (isErrorBody(body)) throw new ApiError(res.status, body.error);
    throw new ApiError(res.status, { code: "bad_response", message: `HTTP ${res.status} ${res.statusText}`.trim() });
  }
  return body as AnswerOf<K>;
}
