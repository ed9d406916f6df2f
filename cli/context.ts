/**
 * What every command gets: the streams (redacted), the console client made on first use from the sign-in (the
 * token hidden from all output from then on), and the exit code the command settles on.
 */
import { resolveSignIn } from "./config";
import { CliError, EXIT, type ExitCode } from "./exit-codes";
import { ConsoleClient } from "./http";
import { Output, type Io } from "./io";
import { asCliError, reportError } from "./report";

export class Context {
  readonly out: Output;
  exitCode: ExitCode = EXIT.ok;
  private made: ConsoleClient | null = null;

  constructor(
    readonly io: Io,
    readonly version: string,
  ) {
    this.out = new Output(io);
  }

  /** A client for a URL and token (login checks one before storing it). */
  clientFor(url: string, token: string): ConsoleClient {
    this.out.hide(token);
    return new ConsoleClient({
      url,
      token,
      fetch: this.io.fetch,
      sleep: this.io.sleep,
      userAgent: `codearts-console-cli/${this.version}`,
      debug: this.io.env.debug ? (line) => this.out.err(`debug ${line}\n`) : undefined,
    });
  }

  /** The signed-in client: CODEARTS_CONSOLE_URL/TOKEN, else the stored sign-in (exit 5 when there is none). */
  client(): ConsoleClient {
    if (!this.made) {
      const { url, token } = resolveSignIn(this.io.env);
      this.made = this.clientFor(url, token);
    }
    return this.made;
  }

  /** Absolute link to a console page. */
  link(path: string): string {
    return `${this.client().baseUrl}${path}`;
  }

  /** Runs a command's body: a CliError is reported (stderr, and the --json document) and becomes the exit code. */
  async run(json: boolean, body: () => Promise<ExitCode | void>): Promise<void> {
    try {
      this.exitCode = (await body()) ?? EXIT.ok;
    } catch (err) {
      const e: CliError = asCliError(err);
      reportError(this.out, e, json);
      this.exitCode = e.exitCode;
    }
  }
}
