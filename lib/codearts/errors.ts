import { upstreamKind } from "./error-codes";

/** A failed CodeArts (or IAM / API gateway) call, with everything a person or the ledger needs. */
export type CodeArtsFailure =
  | "http" // the cloud answered with an error status
  | "error_in_body" // HTTP 200 carrying { error_code, error_msg } (ShowAppDetailById does this)
  | "malformed" // the answer did not parse with the wire schema
  | "timeout" // no answer within the client timeout
  | "network"; // connection refused / reset / DNS

export interface CodeArtsErrorExtra {
  /** Milliseconds the answer's Retry-After header asked us to wait (429/503), when present. */
  retryAfterMs?: number | null;
  /**
   * Whether the operation is safe to repeat (reads, and ListAllApp's POST). False for StartDeployTask and
   * StopDeployTask; errors built outside the client default to true.
   */
  idempotent?: boolean;
  /** How many times the client sent the request before giving up (1 = no retry). */
  attempts?: number;
}

export class CodeArtsError extends Error {
  readonly name = "CodeArtsError";
  readonly retryAfterMs: number | null;
  readonly idempotent: boolean;
  attempts: number;

  constructor(
    readonly failure: CodeArtsFailure,
    readonly operation: string,
    readonly status: number,
    readonly errorCode: string | null,
    readonly errorMsg: string | null,
    readonly requestId: string | null,
    extra: CodeArtsErrorExtra = {},
  ) {
    super(`${operation} failed: ${status || failure}${errorCode ? ` ${errorCode}` : ""}${errorMsg ? ` ${errorMsg}` : ""}`);
    this.retryAfterMs = extra.retryAfterMs ?? null;
    this.idempotent = extra.idempotent ?? true;
    this.attempts = extra.attempts ?? 1;
  }

  /**
   * True when the request may have reached the cloud's backend: no answer (timeout), a connection that broke
   * after it was opened, a 5xx (the gateway may have forwarded it), or a 2xx we could not read. False when the
   * gateway refused it (4xx, including 401/429) or the connection was never opened (ECONNREFUSED, DNS).
   */
  get mayHaveReachedCloud(): boolean {
    if (this.failure === "timeout" || this.failure === "malformed") return true;
    if (this.failure === "http") return this.status >= 500;
    if (this.failure === "network") return !NEVER_CONNECTED.has(this.errorMsg ?? "");
    return false;
  }

  /** A write (start/stop) that may or may not have happened: the console must not offer a blind retry. */
  get inDoubt(): boolean {
    return !this.idempotent && this.mayHaveReachedCloud;
  }
}

/** Network failure codes that prove the request never left this machine. */
const NEVER_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** The cloud says the app, task or record asked for does not exist (e.g. past the 92-day retention). */
export const isResourceMissing = (err: unknown): err is CodeArtsError => err instanceof CodeArtsError && upstreamKind(err.errorCode) === "missing";
