/** A failed CodeArts (or IAM / API gateway) call, with everything a person or the ledger needs. */
export type CodeArtsFailure =
  | "http" // the cloud answered with an error status
  | "error_in_body" // HTTP 200 carrying { error_code, error_msg } (ShowAppDetailById does this)
  | "malformed" // the answer did not parse with the wire schema
  | "timeout" // no answer within the client timeout
  | "network"; // connection refused / reset / DNS

export class CodeArtsError extends Error {
  readonly name = "CodeArtsError";
  constructor(
    readonly failure: CodeArtsFailure,
    readonly operation: string,
    readonly status: number,
    readonly errorCode: string | null,
    readonly errorMsg: string | null,
    readonly requestId: string | null,
  ) {
    super(`${operation} failed: ${status || failure}${errorCode ? ` ${errorCode}` : ""}${errorMsg ? ` ${errorMsg}` : ""}`);
  }

  /** True when the request may have reached the cloud (a start must then never be retried blindly). */
  get mayHaveReachedCloud(): boolean {
    return this.failure === "timeout" || this.failure === "malformed" || (this.failure === "http" && this.status >= 500) ||
      (this.failure === "network" && this.errorMsg !== "ECONNREFUSED");
  }
}
