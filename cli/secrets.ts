/**
 * Values that never go on a command line: a `--secret KEY` value (prompted without echo on a terminal, else
 * CODEARTS_SECRET_<KEY>, else one line of stdin per --secret, in order) and the token of `login` (--token, else
 * CODEARTS_CONSOLE_TOKEN, else prompted or one line of stdin).
 */
import { secretVariable } from "./env";
import { CliError, EXIT, usageError } from "./exit-codes";
import type { InStream, Io } from "./io";

/** Lines of stdin, read as they are needed (a CI step may pipe several secrets, one per line). */
class StdinLines {
  private buffer = "";
  private ended = false;
  private iterator: AsyncIterator<Buffer | string> | null = null;

  constructor(private readonly stdin: InStream) {}

  async next(): Promise<string | null> {
    for (;;) {
      const nl = this.buffer.indexOf("\n");
      if (nl >= 0) {
        const line = this.buffer.slice(0, nl).replace(/\r$/, "");
        this.buffer = this.buffer.slice(nl + 1);
        return line;
      }
      if (this.ended) {
        if (this.buffer === "") return null;
        const line = this.buffer;
        this.buffer = "";
        return line;
      }
      this.iterator ??= this.stdin[Symbol.asyncIterator]();
      const chunk = await this.iterator.next();
      if (chunk.done) this.ended = true;
      else this.buffer += typeof chunk.value === "string" ? chunk.value : chunk.value.toString("utf8");
    }
  }
}

/** Asks on stderr and reads one line from the terminal without echoing it (Ctrl-C ends the command, exit 130). */
function promptHidden(io: Pick<Io, "stdin" | "stderr">, label: string): Promise<string> {
  const { stdin, stderr } = io;
  stderr.write(label);
  stdin.setRawMode?.(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let chars: string[] = [];
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      stderr.write("\n");
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of typeof chunk === "string" ? chunk : chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") {
          finish();
          resolve(chars.join(""));
          return;
        }
        if (ch === "\u0003" || ch === "\u0004") {
          finish();
          reject(new CliError({ exitCode: EXIT.interrupted, detail: { code: "interrupted", message: "Interrupted." } }));
          return;
        }
        if (ch === "\u007f" || ch === "\b") chars = chars.slice(0, -1);
        else if (ch === "\u0015") chars = [];
        else if (ch >= " ") chars.push(ch);
      }
    };
    stdin.on("data", onData);
  });
}

async function readSecret(io: Io, lines: StdinLines, key: string): Promise<string> {
  let value: string | null;
  if (io.stdin.isTTY) value = await promptHidden(io, `Value of secret ${key} (not shown): `);
  else {
    value = io.env.secretOf(key) ?? (await lines.next());
    if (value === null) {
      throw usageError("secret_missing", `No value for the secret ${key}: set ${secretVariable(key)}, or send it on stdin (one line per --secret, in order).`);
    }
  }
  if (value === "") throw usageError("secret_missing", `The value of the secret ${key} is empty.`);
  return value;
}

/** --secret values, in the order given; each one is hidden from everything the command prints. */
export async function readSecrets(io: Io, keys: readonly string[], hide: (s: string) => void): Promise<Map<string, string>> {
  const lines = new StdinLines(io.stdin);
  const values = new Map<string, string>();
  for (const key of keys) {
    const value = await readSecret(io, lines, key);
    hide(value);
    values.set(key, value);
  }
  return values;
}

/** login's token: --token, CODEARTS_CONSOLE_TOKEN, a prompt on a terminal, or the first line of stdin. */
export async function readToken(io: Io, flag: string | undefined): Promise<string> {
  let token = flag ?? io.env.token;
  if (token === null || token === undefined) {
    token = io.stdin.isTTY ? await promptHidden(io, "API token (not shown): ") : await new StdinLines(io.stdin).next();
  }
  token = token?.trim() ?? "";
  if (token === "") {
    throw usageError("token_missing", "No token: pass --token, set CODEARTS_CONSOLE_TOKEN, or send it on stdin. Create one on the console's Tokens page.");
  }
  return token;
}
