#!/usr/bin/env node
// `npm test`: lint, typecheck, unit + integration (vitest), then end-to-end in Debian Chromium (Playwright).
// Stops at the first failing stage and says which.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const root = new URL("..", import.meta.url).pathname;
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = "1";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() === 0) {
    console.log("Installing Debian chromium for the end-to-end tests…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const ok =
      spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env }).status === 0 &&
      spawnSync("apt-get", ["install", "-y", "-qq", "chromium", "fonts-noto-cjk"], { stdio: "inherit", env }).status === 0;
    if (ok && existsSync(CHROMIUM)) return;
  }
  console.error(`End-to-end tests need Chromium at ${CHROMIUM}: run 'apt-get install -y chromium' as root (or set CHROMIUM_PATH).`);
  process.exit(1);
}

const stages = [
  ["lint", ["node_modules/eslint/bin/eslint.js", ".", "--max-warnings=0"]],
  ["typecheck", ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "."]],
  ["unit + integration", ["node_modules/vitest/vitest.mjs", "run"]],
  ["end-to-end", ["node_modules/@playwright/test/cli.js", "test"]],
];

const only = process.argv.slice(2);
for (const [name, args] of stages) {
  if (only.length > 0 && !only.some((o) => name.startsWith(o))) continue;
  if (name === "end-to-end") ensureChromium();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(process.execPath, args, { stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}
console.log("\n✔ all stages passed");
