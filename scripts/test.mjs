#!/usr/bin/env node
// `npm test`: lint, format, typecheck, unused code (knip), unit + integration (vitest), then end-to-end in Debian
// Chromium (Playwright) and the bundle budget.
// The database tests and the end-to-end console run on SQLite and on a throwaway PostgreSQL (started here,
// stopped at the end, also on failure). Stops at the first failing stage and says which.
// `npm test -- unit` (or lint, typecheck, unused, end) runs the stages whose names start with the given words.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { INSTALL_HINT, findPostgresBin, startThrowawayPostgres } from "./pg.mjs";

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

let postgres;
function stopPostgres() {
  postgres?.stop();
  postgres = undefined;
}
process.on("exit", stopPostgres);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopPostgres();
    process.exit(130);
  });
}

/** The database tests run on both dialects: without TEST_DATABASE_URL, start a throwaway PostgreSQL. */
async function ensurePostgres() {
  if (process.env.TEST_DATABASE_URL || postgres) return;
  if (!findPostgresBin()) {
    console.error(`The database tests also run on PostgreSQL: ${INSTALL_HINT}.`);
    process.exit(1);
  }
  try {
    postgres = await startThrowawayPostgres();
  } catch (err) {
    console.error(`Could not start a throwaway PostgreSQL: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  process.env.TEST_DATABASE_URL = postgres.url;
  console.log(`PostgreSQL for the tests: ${postgres.url}`);
}

const stages = [
  ["lint", ["node_modules/eslint/bin/eslint.js", ".", "--max-warnings=0"]],
  ["format", ["node_modules/prettier/bin/prettier.cjs", "--check", ".", "--log-level=warn"]],
  ["typecheck", ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "."]],
  // Unused files, dependencies and exports (knip.config.ts).
  ["unused", ["node_modules/knip/bin/knip.js", "--no-progress", "--max-issues=0"]],
  ["unit + integration", ["node_modules/vitest/vitest.mjs", "run"], { postgres: true }],
  ["end-to-end", ["node_modules/@playwright/test/cli.js", "test"], { postgres: true, chromium: true }],
  // Deterministic page-weight budget, read from the build the end-to-end stage made (bench/budgets.json).
  ["bundle budget", ["scripts/check-bundle-budget.mjs"]],
];

const only = process.argv.slice(2);
for (const [name, args, needs = {}] of stages) {
  if (only.length > 0 && !only.some((o) => name.startsWith(o))) continue;
  if (needs.chromium) ensureChromium();
  if (needs.postgres) await ensurePostgres();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(process.execPath, args, { stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}
console.log("\n✔ all stages passed");
