#!/usr/bin/env node
// `node e2e/log-tee.mjs FILE COMMAND ARGS…`: runs the command with its output passed through and also appended to
// FILE — the e2e console's whole log, which e2e/global-teardown.ts searches for secrets after the run.
import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";

const [file, command, ...args] = process.argv.slice(2);
if (!file || !command) {
  console.error("usage: node e2e/log-tee.mjs FILE COMMAND [ARGS…]");
  process.exit(2);
}
const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
child.stdout.on("data", (d) => {
  appendFileSync(file, d);
  process.stdout.write(d);
});
child.stderr.on("data", (d) => {
  appendFileSync(file, d);
  process.stderr.write(d);
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
