// Section 6 of the document, scale of the ledger: how it is measured, the seeded data, the audit page's queries on
// each database (with their plans), the CSV export, the reconciler's pass and starts.
import { fmt, medRange } from "../stats.mjs";
import { MB } from "./format.mjs";
import { DB_NAME, FLAT_HEAP, FLAT_RSS, STARTS_FACTOR, csvFigures, signedMb } from "./ledger-figures.mjs";

const ms = (values) => (values?.length ? medRange(values, values.every((v) => v < 10) ? 2 : 1) : "—");
const VIEW = { attempts: "by attempt", rows: "every row" };
/** Target ms per group of cases (paging past the first page has none). */
const TARGET_MS = { "first page": 100, filter: 200, combination: 200 };

function methodLines(l) {
  return [
    `A separate process per database (bench/ledger/worker.ts, \`node --conditions=react-server --expose-gc --import tsx\`, the way scripts import the console's server modules) migrates a fresh database with the console's migrations — a SQLite file in the bench's temporary directory (WAL, synchronous FULL, as the console opens it) and a throwaway PostgreSQL (scripts/pg.mjs: Debian's server, default settings, fsync off) — and then seeds **${l.rows.toLocaleString("en")} ledger rows** over ${l.days} days (bench/ledger/seed.ts): 240 apps with one or two tasks each and 150 users, both with a 1/rank popularity; attempts spread evenly over the period, each written as the console writes it with its own toRow — a start or rollback as \`requested\` plus its outcome with the same columns and \`correlation\` (started 86 %, refused, failed, or an interim \`in_doubt\` before \`started\`/\`not_started\`), a stop as \`requested\` plus \`stopped\`/\`failed\`, a refusal as one \`denied\` row, a lock, freeze or approval as one \`recorded\` row — in multi-row INSERTs of 1,000 rows, 20 to a transaction, through the append-only triggers and the checks. The newest six requests stay open (in \`ledger_open\`, with their task's in-flight marker). On PostgreSQL the seed is followed by \`VACUUM ANALYZE\`, as autovacuum would do on a live server; SQLite runs without \`ANALYZE\` statistics, as the console leaves it.`,
    "",
    `Then, with the console's own code and server time only (no HTTP, no session, no upstream — the audit routes' release numbers come from CodeArts and are not counted): every audit query below through listAttempts / listLedger (lib/server/ledger/query.ts) with the page size of the audit page (50), one warm-up and ${l.runs} timed runs each, its SQL recorded and explained (SQLite \`EXPLAIN QUERY PLAN\`, PostgreSQL \`EXPLAIN ANALYZE\`); the CSV export of the whole ledger as GET /api/audit/export.csv makes it (ledgerBatches → batchCsv → UTF-8, the bytes counted and dropped), ${l.runs} times, the process's RSS and heap sampled every 10 batches and the heap left after a full GC at 10, 50 and 90 % of the rows (the GC time not counted); the reconciler's open-requests query and a whole pass (reconcileOnce of lib/server/deploy/reconcile.ts, a fake CodeArts answering at once; the open requests are seconds old, so the pass asks their task's history and waits); and 30 starts (after 10 unmeasured) through the whole pipeline (startDeployment, a fake CodeArts) on the empty ledger before the seed and on the full ledger after it.`,
    "",
  ];
}

function seedLines(l) {
  const L = ["| | rows | attempts | open | tasks | period | seeded in | of which rows by action |", "|---|---:|---:|---:|---:|---|---:|---|"];
  for (const d of l.dbs) {
    const s = d.seed;
    const actions = Object.entries(s.byAction)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${fmt((v / s.rows) * 100, 1)} %`)
      .join(", ");
    L.push(
      `| ${DB_NAME[d.dialect]} | ${s.rows} | ${s.attempts} | ${s.open} | ${s.tasks} | ${s.from.slice(0, 10)} – ${s.to.slice(0, 10)} | ${fmt(s.seconds, 0)} s${s.analyzeSeconds > 0.5 ? ` (+ ${fmt(s.analyzeSeconds, 0)} s VACUUM ANALYZE)` : ""} | ${actions} |`,
    );
  }
  return [...L, ""];
}

/** The audit queries, one row per case, a column per database (median (min–max) ms; † a full scan of the ledger). */
function caseLines(l) {
  const dbs = l.dbs;
  const L = [
    `| group | reading | case | target ms | ${dbs.map((d) => `${DB_NAME[d.dialect]} ms | total`).join(" | ")} |`,
    `|---|---|---|---:|${dbs.map(() => "---:|---:").join("|")}|`,
  ];
  const first = dbs[0]?.cases ?? [];
  for (const [i, c] of first.entries()) {
    const cols = dbs.map((d) => {
      const x = d.cases[i];
      const scan = x?.plans?.some((p) => p.fullScan) ? " †" : "";
      const over = x && TARGET_MS[x.group] !== undefined && x.median > TARGET_MS[x.group] ? "**" : "";
      return `${over}${ms(x?.ms)}${over}${scan} | ${x?.total ?? "—"}${x?.capped ? "+" : ""}`;
    });
    L.push(
      `| ${c.group} | ${VIEW[c.view]} | ${c.name}${c.visible ? ` (${c.visible.length} tasks)` : ""} | ${TARGET_MS[c.group] ? `≤ ${TARGET_MS[c.group]}` : ""} | ${cols.join(" | ")} |`,
    );
  }
  L.push("");
  L.push(
    "Bold: over its target. †: the plan of one of its statements reads the whole ledger table (SQLite `SCAN ledger` without an index, PostgreSQL `Seq Scan on ledger`). Total: what the page shows as the number of entries (+: the count stopped there, COUNT_CAP of lib/server/ledger/query.ts).",
  );
  L.push("");
  return L;
}

function csvLines(l) {
  const L = [
    "| | rows/s | seconds | MB of CSV | heap after GC at 10 / 50 / 90 % | RSS at 10 / 50 / 90 % | peak RSS over the start | peak heap over the start |",
    "|---|---:|---:|---:|---|---|---:|---:|",
  ];
  for (const d of l.dbs) {
    const c = csvFigures(d);
    if (!c) continue;
    const mid = d.csv[Math.floor(d.csv.length / 2)];
    const at = (key) => mid.retained.map((x) => fmt(x[key] / MB, 0)).join(" / ");
    L.push(
      `| ${DB_NAME[d.dialect]} | ${medRange(c.rates, 0)}${c.cut ? " (cut)" : ""} | ${fmt(c.seconds, 1)} | ${fmt(c.bytes / MB, 0)} | ${at("heap")} MB | ${at("rss")} MB | ${signedMb(c.peakRssGrowth)} | ${signedMb(c.peakHeapGrowth)} |`,
    );
  }
  L.push("");
  L.push(
    `Flat memory: from 10 % to 90 % of the rows the heap left after a full GC grows by less than ${fmt(FLAT_HEAP / MB, 0)} MB and the RSS by less than ${fmt(FLAT_RSS / MB, 0)} MB (the largest growth of any run counts). A run stops after 180 s whatever it reached ("cut").`,
  );
  L.push("");
  return L;
}

function reconcileLines(l) {
  const L = [
    "| | open-requests query ms | open rows | reconciler pass ms | start, empty ledger ms | start, full ledger ms | migration on the full ledger |",
    "|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const d of l.dbs) {
    const r = d.reconcile;
    const m = d.migration ? `${d.migration.name}: ${fmt(d.migration.seconds, 1)} s` : "—";
    L.push(`| ${DB_NAME[d.dialect]} | ${ms(r.open.ms)} | ${r.open.rows} | ${ms(r.pass.ms)} | ${ms(d.starts.empty.ms)} | ${ms(d.starts.full.ms)} | ${m} |`);
  }
  L.push("");
  L.push(
    `A start is unchanged when its median on the full ledger is at most ${STARTS_FACTOR}× the empty ledger's (the difference is what the ledger's size and indexes cost each insert). The migration: undone on the seeded ledger, then applied again and timed (its indexes built over every row: what an upgrade holds the ledger for).`,
  );
  L.push("");
  return L;
}

/** A plan line without long value lists (PostgreSQL prints an IN list's every value). */
const short = (line) => (line.length > 160 ? `${line.slice(0, 157)}…` : line);

function planLines(l) {
  const L = ["<details><summary>Query plans</summary>", ""];
  for (const d of l.dbs) {
    L.push(`**${DB_NAME[d.dialect]}**`, "");
    for (const c of [...d.cases, { name: "reconciler: open requests", view: "", plans: d.reconcile.plans }]) {
      L.push(`- ${c.view ? `${VIEW[c.view]} · ` : ""}${c.name}:`);
      for (const p of c.plans ?? []) L.push(`  - ${fmt(p.ms, 1)} ms: \`${p.plan.slice(0, 12).map(short).join(" · ").replace(/`/g, "'")}\``);
    }
    L.push("");
  }
  L.push("</details>", "");
  return L;
}

/** 6: none when the step did not run. */
export function ledgerSection(r) {
  const l = r.ledger;
  if (!l) return [];
  const L = ["## 6. Scale of the ledger", ""];
  L.push(...methodLines(l));
  for (const note of l.skipped) L.push(`> ${note}`, "");
  if (l.dbs.length === 0) return L;
  L.push("### The seeded ledger", "", ...seedLines(l));
  L.push("### The audit page's queries", "", ...caseLines(l));
  L.push("### CSV export of the whole ledger", "", ...csvLines(l));
  L.push("### Reconciler and starts", "", ...reconcileLines(l));
  L.push(...planLines(l));
  return L;
}
