/**
 * The CLI's exit codes (documented in --help and docs/cli.md) and its one error type. Every failure the CLI
 * reports is a CliError: an answer of the console (its error envelope, status and x-request-id), a failure to
 * reach it, or a problem with the arguments found before anything was sent.
 */
import type { ApiErrorBody } from "../lib/schemas/errors";

export const EXIT = {
  ok: 0,
  /** --wait / --watch: the deployment failed, was stopped or timed out. */
  deploymentFailed: 1,
  /** Bad arguments (commander's own, and what the CLI checks before calling the console). */
  usage: 2,
  /** The console refused the request (4xx): the error code is printed. */
  refused: 3,
  /** The console answered 5xx or could not be reached. */
  unavailable: 4,
  /** Not signed in, or the token was refused (401). */
  unauthenticated: 5,
  /** Ctrl-C at a prompt (the shells' 128 + SIGINT). */
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit codes as --help and docs/cli.md list them. */
export const EXIT_HELP = `Exit codes:
  0  succeeded
  1  the deployment failed, was stopped or timed out (--wait, --watch)
  2  usage error (bad arguments)
  3  refused by the console (4xx; its error code is printed)
  4  the console answered 5xx or could not be reached
  5  not signed in, or the token was refused (401)
  130  interrupted (Ctrl-C)`;

export type ErrorDetail = ApiErrorBody["error"];

/** The exit code of a console answer's status (0: no answer at all). */
export function exitCodeOfStatus(status: number): ExitCode {
  if (status === 401) return EXIT.unauthenticated;
  if (status === 0 || status >= 500) return EXIT.unavailable;
  if (status >= 400) return EXIT.refused;
  return EXIT.ok;
}

export class CliError extends Error {
  readonly exitCode: ExitCode;
  readonly detail: ErrorDetail;
  /** The console's HTTP status (0: no answer, or found by the CLI itself). */
  readonly status: number;
  /** The x-request-id header of the console's answer. */
  readonly requestId: string | null;
  /** Retry-After of a 429, in seconds. */
  readonly retryAfter: number | null;

  constructor(opts: { exitCode: ExitCode; detail: ErrorDetail; status?: number; requestId?: string | null; retryAfter?: number | null }) {
    super(opts.detail.message);
    this.name = "CliError";
    this.exitCode = opts.exitCode;
    this.detail = opts.detail;
    this.status = opts.status ?? 0;
    this.requestId = opts.requestId ?? null;
    this.retryAfter = opts.retryAfter ?? null;
  }

  get code() {
    return this.detail.code;
  }

  /** A console answer that is an error. */
  static fromAnswer(status: number, detail: ErrorDetail, requestId: string | null, retryAfter: number | null = null) {
    return new CliError({ exitCode: exitCodeOfStatus(status), detail, status, requestId, retryAfter });
  }
}

/** A problem with the arguments, found before anything was sent (exit 2). */
export const usageError = (code: string, message: string) => new CliError({ exitCode: EXIT.usage, detail: { code, message } });

/** No URL or token configured (exit 5). */
export const notSignedIn = (message: string) => new CliError({ exitCode: EXIT.unauthenticated, detail: { code: "not_signed_in", message } });
