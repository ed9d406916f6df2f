/**
 * What a command touches outside itself: the three streams, the environment, the clock and fetch — real ones in
 * bin/codearts-console.mjs, fakes in the unit tests. Everything written goes through `redact`: no token reaches a
 * terminal or a CI log, whichever path an error takes.
 */
import { TOKEN_PATTERN } from "../lib/schemas/tokens";
import type { CliEnv } from "./env";

export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface InStream extends AsyncIterable<Buffer | string> {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  on(event: "data", listener: (chunk: Buffer | string) => void): unknown;
  off(event: "data", listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: CliEnv;
  fetch: typeof fetch;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

const TOKEN_ANYWHERE = new RegExp(TOKEN_PATTERN.source.replace(/^\^|\$$/g, ""), "g");
const REDACTED_TOKEN = "cdc_<redacted>";

/** Removes every console API token (and the given secrets) from text. */
function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(TOKEN_ANYWHERE, REDACTED_TOKEN);
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join("<redacted>");
  return out;
}

/** The streams, redacted. `secrets` grows as the command learns them (the token, typed --secret values). */
export class Output {
  readonly secrets: string[] = [];

  constructor(private readonly io: Pick<Io, "stdout" | "stderr">) {}

  get stdoutIsTTY() {
    return this.io.stdout.isTTY === true;
  }

  get stderrIsTTY() {
    return this.io.stderr.isTTY === true;
  }

  hide(secret: string) {
    this.secrets.push(secret);
  }

  out(text: string) {
    this.io.stdout.write(redact(text, this.secrets));
  }

  line(text = "") {
    this.out(`${text}\n`);
  }

  err(text: string) {
    this.io.stderr.write(redact(text, this.secrets));
  }

  /** The one JSON document of --json. */
  json(value: unknown) {
    this.out(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Where progress goes: stderr when stdout carries the --json document, else stdout. */
  progressStream(json: boolean): OutStream {
    const target = json ? this.io.stderr : this.io.stdout;
    return { isTTY: target.isTTY, columns: target.columns, write: (t: string) => target.write(redact(t, this.secrets)) };
  }
}
