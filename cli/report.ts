/**
 * How a failure is told: on stderr as `error <code>: <message>`, the refusal's particulars (fields, the deployment or
 * lock that holds the task, the freeze window, what differs from an approval), `upstream <error_code> (request <id>)`
 * and `request id <x-request-id>`; with --json also as the one `{ "error": … }` document on stdout.
 */
import { CliError, EXIT } from "./exit-codes";
import type { Output } from "./io";

/** The lines of stderr for an error (without the trailing newline). */
function errorLines(err: CliError): string[] {
  const d = err.detail;
  const lines = [`error ${d.code}: ${d.message}`];
  for (const issue of d.issues ?? []) lines.push(`  ${issue.path.length > 0 ? issue.path.join(".") : "(body)"}: ${issue.message}`);
  if (d.inFlight) {
    const who = d.inFlight.by.name ?? d.inFlight.by.email ?? "someone";
    lines.push(
      `  held by ${d.inFlight.recordId ? `record ${d.inFlight.recordId}` : "a deployment"} (${d.inFlight.state}), started by ${who} at ${d.inFlight.at}`,
    );
  }
  if (d.lock) lines.push(`  locked by ${d.lock.by.name ?? d.lock.by.email ?? "someone"} until ${d.lock.until}: ${d.lock.reason}`);
  for (const w of d.freeze?.active ?? [])
    lines.push(`  freeze window "${w.name}" until ${w.until}${d.freeze?.canOverride ? " (administrators may override it with --override-freeze)" : ""}`);
  for (const diff of d.differences ?? []) {
    const what = diff.field === "param" ? `parameter ${diff.key ?? ""}` : diff.field;
    lines.push(`  ${what}: ${diff.change} (approved ${diff.approved ?? "—"}, sent ${diff.sent ?? "—"})`);
  }
  if (err.retryAfter !== null) lines.push(`  retry after ${err.retryAfter} s`);
  if (d.upstream) lines.push(`upstream ${d.upstream.error_code ?? `HTTP ${d.upstream.status}`} (request ${d.upstream.request_id ?? "unknown"})`);
  if (err.requestId) lines.push(`request id ${err.requestId}`);
  return lines;
}

/** The --json document of an error: the console's envelope plus what the CLI adds (status, request id, exit code). */
function errorDocument(err: CliError) {
  return { error: { ...err.detail, status: err.status, requestId: err.requestId, exitCode: err.exitCode } };
}

/** Anything a command threw, as a CliError (a bug in the CLI itself reads as exit 4 with its message). */
export function asCliError(err: unknown): CliError {
  if (err instanceof CliError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new CliError({ exitCode: EXIT.unavailable, detail: { code: "cli_error", message } });
}

export function reportError(out: Output, err: CliError, json: boolean): void {
  out.err(`${errorLines(err).join("\n")}\n`);
  if (json) out.json(errorDocument(err));
}
