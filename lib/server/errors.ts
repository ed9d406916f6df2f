/**
 * The one mapping from anything thrown to an HTTP answer, through the console's closed set of error codes
 * (lib/schemas/error-codes.ts). Pure (no server-only import) so it is unit-tested directly.
 */
import { ZodError } from "zod";
import { upstreamKind } from "../codearts/error-codes";
import { CodeArtsError } from "../codearts/errors";
import { API_ERRORS, type ApiErrorCode, type ErrorReason, type ReasonArgs } from "../schemas/error-codes";
import type { ApiErrorBody } from "../schemas/errors";

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: { path: (string | number)[]; message: string }[],
    /** More of the answer: the task's running deployment (deploy_in_progress), an upstream error's details. */
    readonly extra?: Pick<ApiErrorBody["error"], "inFlight" | "lock" | "freeze" | "differences" | "upstream" | "reason" | "args">,
    /** Set when the detail belongs in the server log only (unexpected errors). */
    readonly logDetail?: string,
  ) {
    super(message);
  }

  get status(): number {
    return API_ERRORS[this.code];
  }
}

export interface ErrorAnswer {
  status: number;
  body: ApiErrorBody;
  logDetail?: string;
}

/** Upstream codes whose meaning (lib/codearts/error-codes.ts) maps to a more precise status than "bad gateway". */
const BY_UPSTREAM_KIND: Partial<Record<NonNullable<ReturnType<typeof upstreamKind>>, ApiErrorCode>> = {
  busy: "upstream_conflict",
  refused: "upstream_refused",
  missing: "upstream_not_found",
  forbidden: "upstream_forbidden",
  throttled: "upstream_throttled",
};

function fromCodeArts(err: CodeArtsError): ApiError {
  let code: ApiErrorCode;
  // A start/stop that may have reached the cloud without an answer: never presented as "try again" (docs/FAULTS.md).
  if (err.inDoubt) code = "upstream_in_doubt";
  else if (err.failure === "timeout" || err.status === 504) code = "upstream_timeout";
  else if (err.failure === "network") code = "upstream_unavailable";
  else if (BY_UPSTREAM_KIND[upstreamKind(err.errorCode) ?? "other"]) code = BY_UPSTREAM_KIND[upstreamKind(err.errorCode) ?? "other"]!;
  else if (err.status === 429) code = "upstream_throttled";
  else if (err.status >= 500) code = "upstream_unavailable";
  else code = "upstream_error";
  const what = err.errorMsg ?? (err.failure === "malformed" ? "unexpected answer" : `HTTP ${err.status}`);
  const doubt = err.inDoubt ? " — it may have been carried out; check the task's records before trying again" : "";
  return new ApiError(code, `CodeArts ${err.operation}: ${what}${doubt}`, undefined, {
    upstream: { status: err.status, error_code: err.errorCode, error_msg: err.errorMsg, request_id: err.requestId },
  });
}

/** Node's and the drivers' ways of saying "the database is not there": refused, reset, shut down, closed. */
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN", "SQLITE_CANTOPEN"]);
const UNREACHABLE_MESSAGES = [
  /connection terminated/i, // pg: the server went away mid-query
  /timeout exceeded when trying to connect/i, // pg-pool
  /database connection is not open/i, // better-sqlite3 after close()
  /driver has already been destroyed/i, // Kysely after destroy()
];

/**
 * The console's database cannot be reached (as opposed to a query that failed): PostgreSQL's connection
 * exceptions (SQLSTATE class 08), shutdowns (57P01–57P03) and too many connections (53300), and the errors above.
 */
function isDatabaseUnreachable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || /^08...$/.test(code) || /^57P0[123]$/.test(code) || code === "53300")) return true;
  if (err instanceof AggregateError && err.errors.some(isDatabaseUnreachable)) return true; // pg: IPv4 and IPv6 both refused
  return UNREACHABLE_MESSAGES.some((m) => m.test(err.message));
}

const issuesOf = (err: ZodError) => err.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "number" ? p : String(p))), message: i.message }));

/** The one mapping: anything thrown becomes a console error (an ApiError passes unchanged). */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ZodError) {
    const issues = issuesOf(err);
    const first = issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join(".")}` : "";
    return new ApiError("validation_failed", `Invalid request${where}: ${first?.message ?? "invalid"}`, issues);
  }
  if (err instanceof CodeArtsError) return fromCodeArts(err);
  const detail = err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ""}` : String(err);
  if (isDatabaseUnreachable(err)) {
    return new ApiError(
      "database_unavailable",
      "The console's database cannot be reached, so nothing was done. Try again once it is back.",
      undefined,
      undefined,
      detail,
    );
  }
  return new ApiError("internal_error", "Something went wrong on the console server; the details are in its log.", undefined, undefined, detail);
}

/** The JSON body of a console error. */
/** A conflict the UI can word in its reader's language: the reason and the values it names (ERROR_REASONS). */
export function conflictError<R extends ErrorReason>(reason: R, args: ReasonArgs<R>, message: string): ApiError {
  return new ApiError("conflict", message, undefined, { reason, ...(Object.keys(args).length > 0 ? { args } : {}) });
}

export const errorBody = (e: ApiError): ApiErrorBody => ({
  error: { code: e.code, message: e.message, ...(e.issues ? { issues: e.issues } : {}), ...e.extra },
});

/** The HTTP answer of an error: status and body projected from its console error. */
export function toErrorResponse(err: unknown): ErrorAnswer {
  const e = toApiError(err);
  return { status: e.status, body: errorBody(e), ...(e.logDetail ? { logDetail: e.logDetail } : {}) };
}
