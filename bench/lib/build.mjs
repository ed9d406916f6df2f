// `next build` of the console and of the bare Next.js app (bench/next-floor) when their sources are newer than their
// builds, then their first-load JS figures and the budgets they are held to.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BUILD_INPUTS, buildFreshness } from "../../scripts/build-freshness.mjs";
import { NEXT_FLOOR_DIR, root } from "./config.mjs";
import { say } from "./context.mjs";
import { firstLoadJs } from "./first-load.mjs";

// The bare Next.js app's route handlers use the console's transport (lib/codearts/http.ts and what it imports).
const FLOOR_INPUTS = [NEXT_FLOOR_DIR, "bench/lib/floor-proxy.mjs", "lib/codearts", "package-lock.json"];

/** `next build` of the console (dir ".") or of the bare Next.js app, when its sources are newer than its build. */
function buildIfNeeded(dir = ".", inputs = BUILD_INPUTS) {
  const { builtAt, stale } = buildFreshness(root, dir, inputs);
  if (!stale) return { built: false, reason: "the build is newer than the sources" };
  if (process.env.BENCH_SKIP_BUILD === "1") {
    if (builtAt === 0) throw new Error(`BENCH_SKIP_BUILD=1 but there is no build (${join(dir, ".next/BUILD_ID")})`);
    return { built: false, reason: "BENCH_SKIP_BUILD=1 (the build may be older than the sources)" };
  }
  say(`${builtAt === 0 ? "no build found" : "sources changed since the last build"}: next build${dir === "." ? "" : ` ${dir}`}…`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build", dir], {
    stdio: process.env.BENCH_VERBOSE === "1" ? "inherit" : "pipe",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    timeout: 15 * 60_000,
    encoding: "utf8",
  });
  if (r.status !== 0) {
    throw new Error(`next build failed (exit ${r.status ?? r.signal}):\n${(r.stdout ?? "").slice(-3000)}\n${(r.stderr ?? "").slice(-3000)}`);
  }
  return { built: true, seconds: (Date.now() - t0) / 1000 };
}

/** Both builds (reused when current) and their first-load JS, into `results`. */
export function buildAll(results) {
  results.build = buildIfNeeded();
  say(results.build.built ? `built in ${results.build.seconds.toFixed(0)} s` : `build reused: ${results.build.reason}`);
  results.bundles = firstLoadJs(join(root, ".next"));
  results.floorBuild = buildIfNeeded(NEXT_FLOOR_DIR, FLOOR_INPUTS);
  say(
    results.floorBuild.built
      ? `bare Next.js app built in ${results.floorBuild.seconds.toFixed(0)} s`
      : `bare Next.js app build reused: ${results.floorBuild.reason}`,
  );
  results.floorBundles = firstLoadJs(join(root, NEXT_FLOOR_DIR, ".next"));
  results.budgets = JSON.parse(readFileSync(join(root, "bench", "budgets.json"), "utf8"));
}
