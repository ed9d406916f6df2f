// Whether a Next.js build is older than its sources: `npm start` and the benchmarks rebuild only then.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** What the console's build is made from (relative to the project root). */
export const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "messages",
  "i18n",
  "public",
  "next.config.js",
  "package-lock.json",
  "postcss.config.mjs",
  "proxy.ts",
  "instrumentation.ts",
  "tsconfig.json",
];

function newestMtime(path, depth = 0) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  if (depth > 30) return newest;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(join(path, entry), depth + 1));
  }
  return newest;
}

/** The build in `<dir>/.next` (builtAt 0: none) and whether any of `inputs` (paths under `root`) is newer. */
export function buildFreshness(root, dir = ".", inputs = BUILD_INPUTS) {
  const buildId = join(root, dir, ".next", "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  return { builtAt, stale: builtAt === 0 || Math.max(...inputs.map((p) => newestMtime(join(root, p)))) > builtAt };
}
