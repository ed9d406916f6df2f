#!/usr/bin/env node
// First-load JS budget per route: after `next build`, compute each page route's first-load JS (gzip) with the
// same method as `npm run bench` (bench/lib/first-load.mjs) and fail when a route exceeds its budget in
// bench/budgets.json, or has none. Deterministic: build output only, no timings.
//   node scripts/check-bundle-budget.mjs [--dist .next] [--budgets bench/budgets.json] [--json]
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { firstLoadJs } from "../bench/lib/first-load.mjs";

const root = new URL("..", import.meta.url).pathname;
const { values: args } = parseArgs({
  options: { dist: { type: "string" }, budgets: { type: "string" }, json: { type: "boolean" } },
  strict: true,
});
const dist = resolve(root, args.dist ?? ".next");
const budgetsFile = resolve(root, args.budgets ?? join("bench", "budgets.json"));

if (!existsSync(budgetsFile)) {
  console.error(`No budgets file at ${budgetsFile}.`);
  process.exit(1);
}
let measured;
try {
  measured = firstLoadJs(dist);
} catch (err) {
  console.error(`Bundle budget: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
const budgets = JSON.parse(readFileSync(budgetsFile, "utf8")).routes ?? {};

const rows = measured.routes.map((r) => {
  const budget = budgets[r.route];
  const kB = r.gzip / 1000;
  return { route: r.route, kB, budget: budget ?? null, ok: typeof budget === "number" && kB <= budget };
});
const stale = Object.keys(budgets).filter((route) => !measured.routes.some((r) => r.route === route));

if (args.json) {
  console.log(JSON.stringify({ buildId: measured.buildId, sharedKB: measured.shared.gzip / 1000, routes: rows, budgetsWithoutRoute: stale }, null, 2));
} else {
  const width = Math.max(...rows.map((r) => r.route.length), 5);
  console.log(`First-load JS per route, kB gzip (build ${measured.buildId}; shared by all: ${(measured.shared.gzip / 1000).toFixed(1)} kB)`);
  for (const r of rows) {
    const verdict = r.budget === null ? "NO BUDGET" : r.ok ? "ok" : "OVER BUDGET";
    console.log(`  ${r.route.padEnd(width)}  ${r.kB.toFixed(1).padStart(6)} / ${r.budget === null ? "  —  " : r.budget.toFixed(1).padStart(6)}  ${verdict}`);
  }
  if (stale.length) console.log(`  (budgets for routes that no longer exist: ${stale.join(", ")})`);
}

const over = rows.filter((r) => !r.ok);
if (over.length > 0) {
  for (const r of over) {
    console.error(
      r.budget === null
        ? `✖ ${r.route}: ${r.kB.toFixed(1)} kB and no budget — add "${r.route}" to bench/budgets.json.`
        : `✖ ${r.route}: ${r.kB.toFixed(1)} kB is over its ${r.budget} kB budget (+${(r.kB - r.budget).toFixed(1)} kB).`,
    );
  }
  process.exit(1);
}
if (!args.json) console.log("✔ every route is within its first-load JS budget");
