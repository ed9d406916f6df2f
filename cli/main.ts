/** The process behind bin/codearts-console.mjs: the real streams, environment, clock and fetch. */
import { readFileSync } from "node:fs";
import { processEnv } from "./env";
import type { Io } from "./io";
import { run } from "./program";

export async function main(argv: readonly string[]): Promise<void> {
  const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  const io: Io = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: processEnv(),
    fetch: globalThis.fetch,
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
  process.exitCode = await run(argv, io, version);
  // A secret or token read from a pipe leaves stdin open; nothing else is waited for.
  process.stdin.destroy();
}
