/**
 * The one mapping from anything thrown to an HTTP answer, through the console's closed set of error codes
 * (lib/schemas/error-codes.ts). Pure (no server-only import) so it is unit-tested directly.
 */
import { ZodError } from "zod";
import { CodeArtsError } from "../codearts/errors";
import { API_ERRORS, type ApiErrorCode } from "../schemas/error-codes";
import type { ApiErrorBody } from "../schemas/errors";

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: { path: (string | number)[]; message: string }[],
    /** More of the answer: the task's running deployment (deploy_in_progress), an upstream error's details. */
    readonly extra?: Pick<ApiErrorBody["error"], "inFlight" | "upstream">,
  ) {
    super(message);
  }
}

export interface ErrorAnswer {
  status: number;
  body: ApiErrorBody;
  /** Set when the detail belongs in the server log only (unexpected errors). */
  logDetail?: string;
}

/** Upstream codes whose meaning maps to a more precise console status than "bad gateway". */
const UPSTREAM_CODE_MAP: Record<string, ApiErrorCode> = {
  "Deploy.00011027": "upstream_conflict", // the app is already being deployed
  "Deploy.00011042": "upstream_refused", // a draft app cannot be executed
  "Deploy.00016004": "upstream_refused", // pipeline-only task
  "Deploy.00011020": "upstream_not_found", // app does not exist
  "Deploy.00011021": "upstream_not_found", // app does not exist (in a 200 body)
  "Deploy.00011303": "upstream_not_found", // no such execution record
  "Deploy.00011154": "upstream_forbidden", // insufficient permission
  "APIGW.0308": "upstream_throttled",
};

function fromCodeArts(err: CodeArtsError): ErrorAnswer {
  let code: ApiErrorCode;
  // A start/stop that may have reached the cloud without an answer: never presented as "try again" (docs/FAULTS.md).
  if (err.inDoubt) code = "upstream_in_doubt";
  else if (err.failure === "timeout" || err.status === 504) code = "upstream_timeout";
  else if (err.failure === "network") code = "upstream_unavailable";
  else if (err.errorCode && UPSTREAM_CODE_MAP[err.errorCode]) code = UPSTREAM_CODE_MAP[err.errorCode] as ApiErrorCode;
  else if (err.status === 429) code = "upstream_throttled";
  else if (err.status >= 500) code = "upstream_unavailable";
  else code = "upstream_error";
  const what = err.errorMsg ?? (err.failure === "malformed" ? "unexpected answer" : `HTTP ${err.status}`);
  const doubt = err.inDoubt ? " — it may have been carried out; check the task's records before trying again" : "";
  return {
    status: API_ERRORS[code],
    body: {
      error: {
        code,
        message: `CodeArts ${err.operation}: ${what}${doubt}`,
        upstream: { status: err.status, error_code: err.errorCode, error_msg: err.errorMsg, request_id: err.requestId },
      },
    },
  };
}

export function toErrorResponse(err: unknown): ErrorAnswer {
  if (err instanceof ApiError) {
    return {
      status: API_ERRORS[err.code],
      body: { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}), ...err.extra } },
    };
  }
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "number" ? p : String(p))), message: i.message }));
    const first = issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join(".")}` : "";
    return {
      status: 400,
      body: { error: { code: "validation_failed", message: `Invalid request${where}: ${first?.message ?? "invalid"}`, issues } },
    };
  }
  if (err instanceof CodeArtsError) return fromCodeArts(err);
  const detail = err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ""}` : String(err);
  return {
    status: 500,
    body: { error: { code: "internal_error", message: "Something went wrong on the console server; the details are in its log." } },
    logDetail: detail,
  };
}
