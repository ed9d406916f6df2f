// Section 3 of the document, pages: the first-load JS per route from the build output (with the Chromium
// cross-check), then Lighthouse on the console's pages and the bare Next.js app's. Each renderer returns its lines.
import { fmt, medRange } from "../stats.mjs";
import { kb } from "./format.mjs";

/** The task page against its target (the bare Next.js app's page + 30 kB gz), and where the difference lies. */
function taskPageLines(b, bare) {
  const task = b.routes.find((x) => x.route === "/tasks/[taskId]");
  if (!task || !bare) return [];
  const limit = bare.gzip + 30_000;
  return [
    `**Task page: ${kb(task.gzip)} kB gz against ${kb(limit)} kB (the bare Next.js page's ${kb(bare.gzip)} + 30) — ${task.gzip <= limit ? "met" : "not met"}.** The framework alone (the shared files above) is ${kb(b.shared.gzip)} kB; the root layout's client code (providers, header, i18n, react-query) and the page's own chunks add ${kb(task.gzip - b.shared.gzip)} kB.`,
    "",
  ];
}

/** Does Chromium load exactly the files the build-output method counts, per page? */
function crossCheckLines(crossCheck) {
  const L = [];
  L.push("Cross-check in Chromium (cache disabled, scripts requested before the `load` event):");
  L.push("");
  for (const x of crossCheck) {
    const same = x.missing.length === 0 && x.extra.length === 0;
    L.push(
      `- ${x.name} (\`${x.route}\`): ${same ? `the same ${x.loaded.length} files` : `counted but not loaded: ${x.missing.join(", ") || "none"}; loaded but not counted: ${x.extra.join(", ") || "none"}`}`,
    );
  }
  L.push("");
  return L;
}

/** 3, first part: first-load JS per route (gzip) against the budgets, the bare app's page, the cross-check. */
function firstLoadSection(r) {
  const L = [];
  const b = r.bundles;
  if (!b) return L;
  L.push("## 3. Pages");
  L.push("");
  L.push("### First-load JS per route (gzip)");
  L.push("");
  L.push(
    "Computed from the build output alone (bench/lib/first-load.mjs, the same code as `scripts/check-bundle-budget.mjs`): the `rootMainFiles` of `.next/build-manifest.json` (Turbopack runtime, React, React DOM, Next.js client — shared by every page) plus every chunk in `entryJSFiles` of the route's `.next/server/app/**/page_client-reference-manifest.js` (root layout, group layouts, the page and the error/not-found boundaries on its path), each file once, gzip level 6 (what the server's compression sends; kB = 1000 bytes). Polyfills (`nomodule`), lazy chunks and Link prefetches of other routes are not counted, nor the inline RSC payload.",
  );
  L.push("");
  L.push(`Shared by every route: ${kb(b.shared.gzip)} kB gz (${kb(b.shared.raw)} kB raw, ${b.shared.files.length} files).`);
  L.push("");
  L.push("| route | first-load JS kB gz | of which route-specific | raw kB | files | budget kB |\n|---|---:|---:|---:|---:|---:|");
  for (const x of b.routes)
    L.push(
      `| \`${x.route}\` | ${kb(x.gzip)} | ${kb(x.pageOnlyGzip)} | ${kb(x.raw)} | ${x.files.length} | ${r.budgets?.routes?.[x.route] ?? r.budgets?.routes?.["*"] ?? "—"} |`,
    );
  L.push("");
  const bare = r.floorBundles?.routes.find((x) => x.route === "/");
  L.push(...taskPageLines(b, bare));
  if (bare) {
    L.push(
      `The bare Next.js app's page (bench/next-floor, no client component of its own) loads ${kb(bare.gzip)} kB gz (${bare.files.length} files; shared ${kb(r.floorBundles.shared.gzip)} kB): the least any page of a Next ${r.machine.versions.next} App Router app ships.`,
    );
    L.push("");
  }
  if (r.crossCheck) L.push(...crossCheckLines(r.crossCheck));
  return L;
}

/** A page's scores and timings over `runs`, median (min–max) each: performance … CLS. */
function scoreCells(runs) {
  const v = (k, d = 0) =>
    medRange(
      runs.map((x) => x[k]),
      d,
    );
  return `${v("performance")} | ${v("accessibility")} | ${v("bestPractices")} | ${v("fcp")} | ${v("lcp")} | ${v("tbt")} | ${v("cls", 3)}`;
}

/** A mobile row: the scores and the script bytes on the wire. */
const mobileRow = (label, runs) =>
  `| ${label} | ${scoreCells(runs)} | ${medRange(
    runs.map((x) => x.scriptTransferBytes / 1000),
    1,
  )} |`;

/** Lighthouse's desktop preset, for comparison (none when no page had a desktop run). */
function desktopLines(lighthouse) {
  const L = [];
  if (!lighthouse.some((p) => p.desktopRuns?.length)) return L;
  L.push("");
  L.push("For comparison, Lighthouse's **desktop** preset (`desktopConfig`: desktop form factor, lighter simulated throttling) — not the target figure:");
  L.push("");
  L.push("| page | performance | accessibility | best practices | FCP ms | LCP ms | TBT ms | CLS |\n|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const p of lighthouse.filter((x) => x.desktopRuns?.length)) L.push(`| ${p.name} \`${p.route}\` | ${scoreCells(p.desktopRuns)} |`);
  return L;
}

/** Lighthouse's runtime errors and every audit below full score in any run, once per page and audit. */
function auditLines(lighthouse) {
  const L = [];
  const failing = [];
  for (const p of lighthouse) {
    const seen = new Map();
    for (const run of p.runs)
      for (const cat of ["accessibility", "best-practices", "performance"])
        for (const a of run.failing[cat]) if (!seen.has(`${cat}:${a.id}`)) seen.set(`${cat}:${a.id}`, { cat, ...a });
    for (const a of seen.values()) failing.push({ page: p.name, ...a });
  }
  const errs = lighthouse.flatMap((p) => p.runs.filter((x) => x.runtimeError).map((x) => `${p.name}: ${x.runtimeError}`));
  if (errs.length) L.push(`Lighthouse runtime errors: ${errs.join("; ")}\n`);
  if (failing.length) {
    L.push("Audits below full score (any run):");
    L.push("");
    for (const a of failing) {
      const items = a.cat === "performance" ? [] : a.items;
      L.push(
        `- ${a.page} · ${a.cat} · \`${a.id}\` — ${a.title} (score ${fmt(a.score, 2)}${a.display ? `, ${a.display}` : ""})${items.length ? `: ${items.map((i) => `\`${String(i).replace(/`/g, "'").slice(0, 160)}\``).join(", ")}` : ""}`,
      );
    }
    L.push("");
  }
  return L;
}

/** 3, second part: Lighthouse (mobile, the floor's page, desktop for comparison, the audits below full score). */
function lighthouseSection(r) {
  const L = [];
  if (!r.lighthouse) return L;
  const c = r.config;
  L.push(`### Lighthouse ${r.machine.versions.lighthouse}`);
  L.push("");
  L.push(
    `Debian Chromium started by the bench (\`--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --remote-debugging-port --user-data-dir\`), Lighthouse's Node API on that port with its **default configuration** (mobile form factor, simulated throttling), categories performance, accessibility and best practices, the session cookie passed with \`extraHeaders\`; ${c.lhRuns} run(s) per page. Pages: the picker with ${r.data?.totalApps ?? c.apps} apps, the task and a finished record of the task with ${c.historyRecords} records.`,
  );
  L.push("");
  L.push(
    "| page | performance | accessibility | best practices | FCP ms | LCP ms | TBT ms | CLS | script transfer kB |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const p of r.lighthouse) L.push(mobileRow(`${p.name} \`${p.route}\``, p.runs));
  for (const p of (r.lighthouseFloor ?? []).filter((x) => x.runs.length)) L.push(mobileRow(`*${p.name}* \`${p.route}\` (bench/next-floor, the floor)`, p.runs));
  L.push(...desktopLines(r.lighthouse));
  L.push("");
  L.push(
    "Script transfer = Lighthouse's own count of `/_next/static` script bytes on the wire (headers included, and any chunk fetched before it stopped listening), beside the build-output figure above.",
  );
  L.push("");
  L.push(...auditLines(r.lighthouse));
  return L;
}

/** 3: pages — first-load JS, then Lighthouse. */
export function pagesSection(r) {
  return [...firstLoadSection(r), ...lighthouseSection(r)];
}
