// First-load JS of every page route, from the build output alone (deterministic; shared by `npm run bench` and
// scripts/check-bundle-budget.mjs).
//
// Method (Next 16, Turbopack, App Router): a page's first load is
//   - the root main files of .next/build-manifest.json (`rootMainFiles`: Turbopack runtime, React, React DOM,
//     the Next.js client) — the same for every page, and
//   - every JS chunk its client-reference manifest lists under `entryJSFiles`
//     (.next/server/app/<route>/page_client-reference-manifest.js): the client chunks of the root layout, the
//     route-group layouts, the page and the error / not-found boundaries on its path.
// Polyfills (`polyfillFiles`, loaded with `nomodule`, never by a current browser), lazily imported chunks and
// the Link prefetches of other routes are not counted; nor is the inline RSC payload (data, not code).
// Each file counts once per route; size = gzip (zlib level 6, as the server's compression sends it).
// The bench cross-checks the file set against what Chromium actually requests before the load event.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { createContext, runInContext } from "node:vm";
import { gzipSync } from "node:zlib";

const MANIFEST_SUFFIX = "page_client-reference-manifest.js";

function walk(dir, out = [], depth = 0) {
  if (depth > 20) return out;
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) walk(full, out, depth + 1);
    else if (entry === MANIFEST_SUFFIX) out.push(full);
  }
  return out;
}

/** "/(console)/tasks/[taskId]/page" → "/tasks/[taskId]"; "/page" → "/". */
function routeOfManifestKey(key) {
  const parts = key
    .replace(/\/page$/, "")
    .split("/")
    .filter((p) => p !== "" && !/^\(.*\)$/.test(p) && !p.startsWith("@"));
  return `/${parts.join("/")}`;
}

/** The manifest file assigns globalThis.__RSC_MANIFEST[...]; evaluate it in an empty context to read it. */
function readClientManifest(file) {
  const context = createContext({});
  runInContext(readFileSync(file, "utf8"), context, { filename: file, timeout: 2_000 });
  const all = context.__RSC_MANIFEST ?? {};
  const [key] = Object.keys(all);
  if (!key) throw new Error(`${file}: no __RSC_MANIFEST entry`);
  return { key, manifest: all[key] };
}

const sizeCache = new Map();
function fileSizes(distDir, rel) {
  let s = sizeCache.get(join(distDir, rel));
  if (!s) {
    const buf = readFileSync(join(distDir, rel));
    s = { raw: buf.length, gzip: gzipSync(buf, { level: 6 }).length };
    sizeCache.set(join(distDir, rel), s);
  }
  return s;
}

/** Normalise "/_next/static/…" or "static/…" to a path relative to the dist dir. */
const toDistPath = (f) => f.replace(/^\/?_next\//, "").replace(/^\//, "");

/**
 * @param {string} distDir the .next directory
 * @returns {{ buildId: string, shared: {files: string[], raw: number, gzip: number},
 *             routes: Array<{route: string, files: string[], raw: number, gzip: number, pageOnlyGzip: number}>}}
 */
export function firstLoadJs(distDir) {
  const buildManifestFile = join(distDir, "build-manifest.json");
  const appServer = join(distDir, "server", "app");
  if (!existsSync(join(distDir, "BUILD_ID")) || !existsSync(buildManifestFile) || !existsSync(appServer)) {
    throw new Error(`No complete Next.js build in ${distDir}: run \`next build\` first.`);
  }
  const buildId = readFileSync(join(distDir, "BUILD_ID"), "utf8").trim();
  const buildManifest = JSON.parse(readFileSync(buildManifestFile, "utf8"));
  const rootMain = (buildManifest.rootMainFiles ?? []).map(toDistPath).filter((f) => f.endsWith(".js"));
  if (rootMain.length === 0) throw new Error(`${buildManifestFile}: no rootMainFiles (not an App Router build of Next 16?)`);
  const sum = (files, k) => files.reduce((t, f) => t + fileSizes(distDir, f)[k], 0);

  const routes = [];
  for (const file of walk(appServer)) {
    const { key, manifest } = readClientManifest(file);
    const entryFiles = Object.values(manifest.entryJSFiles ?? {})
      .flat()
      .map(toDistPath)
      .filter((f) => f.endsWith(".js"));
    const own = [...new Set(entryFiles)].filter((f) => !rootMain.includes(f));
    const files = [...rootMain, ...own];
    for (const f of files) if (!existsSync(join(distDir, f))) throw new Error(`${relative(distDir, file)} lists ${f}, which is not in the build`);
    routes.push({
      route: routeOfManifestKey(key),
      manifestKey: key,
      manifestFile: relative(distDir, file).split(sep).join("/"),
      files,
      raw: sum(files, "raw"),
      gzip: sum(files, "gzip"),
      pageOnlyGzip: sum(own, "gzip"),
    });
  }
  routes.sort((a, b) => a.route.localeCompare(b.route));
  return { buildId, shared: { files: rootMain, raw: sum(rootMain, "raw"), gzip: sum(rootMain, "gzip") }, routes };
}
