/**
 * Step 6 of the bench, in a process of its own (spawned by bench/lib/ledger-scale.mjs as
 * `node --conditions=react-server --expose-gc --import tsx bench/ledger/worker.ts …`, the way scripts import
 * server modules): one database, migrated with the console's migrations, then
 *   starts on the empty ledger → seed → the audit page's queries → the CSV export → the reconciler's pass → starts
 * on the full ledger, all with the console's own code and server time only (no HTTP, no upstream: a fake CodeArts
 * answers at once). Progress goes to stderr; the figures to the JSON file given with --out.
 */
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { openDatabase } from "../../lib/server/db/connect";
import { migrateToLatest } from "../../lib/server/db/migrate";
import * as m0009 from "../../lib/server/db/migrations/0009_ledger_indexes";
import * as m0010 from "../../lib/server/db/migrations/0010_ledger_counts";
import type { Db } from "../../lib/server/db/schema";
import type { DeployDeps } from "../../lib/server/deploy/deploy-deps";
import { openRequests, reconcileOnce } from "../../lib/server/deploy/reconcile";
import { startDeployment } from "../../lib/server/deploy/start";
import { FakeCodeArts } from "../../lib/server/deploy/testing";
import { CSV_HEADER, batchCsv } from "../../lib/server/ledger/csv";
import { ledgerBatches, listAttempts, listLedger } from "../../lib/server/ledger/query";
import { type AuditCase, auditCases } from "./cases";
import { explain, median, recorder, timeRuns } from "./measure";
import { type SeedFacts, seedLedger } from "./seed";

const { values: args } = parseArgs({
  options: {
    dialect: { type: "string" },
    file: { type: "string" },
    url: { type: "string" },
    rows: { type: "string", default: "1000000" },
    days: { type: "string", default: "92" },
    runs: { type: "string", default: "5" },
    out: { type: "string" },
  },
});
const dialect = args.dialect === "postgres" ? "postgres" : "sqlite";
const ROWS = Number(args.rows);
const RUNS = Number(args.runs);
const say = (msg: string) => process.stderr.write(`${msg}\n`);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
/** No new run of one audit query starts after this long, nor of the CSV export after CSV_BUDGET_MS. */
const CASE_BUDGET_MS = 60_000;
const CSV_BUDGET_MS = 180_000;
const STARTS = 30;

const ACTOR = { id: "0b0b0b0b-0000-4000-8000-000000000001", name: "Bench Deployer", email: "bench.deployer@corp.example", teams: ["ops"] };

function depsOf(db: Db, now: () => number): DeployDeps {
  const fake = new FakeCodeArts(now);
  return { db, upstream: fake, secret: "ledger-bench-secret-0123456789abcdef", timeoutMs: 15_000, now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
}

/** Starts through the whole pipeline (checks, write-ahead, one fake upstream call, outcome), each on a new task. */
async function starts(db: Db) {
  const deps = depsOf(db, Date.now);
  const one = async () => {
    const taskId = randomUUID().replace(/-/g, "");
    await startDeployment(deps, {
      taskId,
      body: { params: [{ key: "image_tag", value: "v1.2.3", type: "text" }] },
      actor: ACTOR,
      client: { address: "10.0.0.9", userAgent: "ledger-bench", requestId: randomUUID() },
      idempotencyKey: randomUUID(),
      protection: null,
      mayOverrideFreeze: false,
    });
  };
  // Warm-up: the first starts of a process compile the pipeline's code and statements.
  for (let i = 0; i < 10; i++) await one();
  const ms: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const t0 = performance.now();
    await one();
    ms.push(performance.now() - t0);
  }
  return { ms, median: median(ms) };
}

async function auditCase(db: Db, c: AuditCase) {
  const visible = c.visible ? new Set(c.visible) : "all";
  const q = { ...c.filters, page: c.page ?? 1, size: 50 };
  const list = (on: Db) => (c.view === "rows" ? listLedger(on, q, visible) : listAttempts(on, q, visible));
  const timed = await timeRuns(() => list(db), RUNS, CASE_BUDGET_MS);
  // One more run through the recorder: the answer, the statements it sends and their plans.
  const rec = recorder(db);
  rec.state.on = true;
  const answer = await list(rec.db);
  rec.state.on = false;
  const plans = await explain(db, dialect, rec.state.queries);
  return { ...c, ...timed, median: median(timed.ms), total: answer.total, capped: answer.capped, items: answer.items.length, plans };
}

/** The whole ledger as CSV, as the export route makes it (batches → CSV lines → UTF-8), memory sampled. */
async function csvExport(db: Db, expected: number) {
  const encoder = new TextEncoder();
  gc();
  const mem = () => ({ rss: process.memoryUsage.rss(), heap: process.memoryUsage().heapUsed });
  const base = mem();
  const marks = [0.1, 0.5, 0.9].map((f) => Math.floor(expected * f));
  const retained: { rows: number; rss: number; heap: number }[] = [];
  let peakRss = base.rss;
  let peakHeap = base.heap;
  let rows = 0;
  let bytes = encoder.encode(CSV_HEADER).byteLength;
  let gcMs = 0;
  let batches = 0;
  let cut = false;
  const t0 = performance.now();
  for await (const batch of ledgerBatches(db, {}, "all")) {
    bytes += encoder.encode(batchCsv(batch)).byteLength;
    rows += batch.rows.length;
    if (++batches % 10 === 0) {
      const m = mem();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heap);
    }
    if (marks.length > 0 && rows >= (marks[0] as number)) {
      marks.shift();
      const g0 = performance.now();
      gc();
      retained.push({ rows, ...mem() });
      gcMs += performance.now() - g0;
    }
    if (performance.now() - t0 > CSV_BUDGET_MS) {
      cut = true;
      break;
    }
  }
  const seconds = (performance.now() - t0 - gcMs) / 1000;
  return { rows, bytes, seconds, rowsPerSecond: rows / seconds, cut, base, peakRss, peakHeap, retained };
}

async function csvRuns(db: Db, expected: number) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await csvExport(db, expected);
    say(`  CSV run ${i + 1}: ${r.rows} rows in ${r.seconds.toFixed(1)} s (${Math.round(r.rowsPerSecond)} rows/s)${r.cut ? " — cut by the time budget" : ""}`);
    runs.push(r);
    if (r.cut) break;
  }
  return runs;
}

/** The reconciler's pass with the seed's open requests (young: it waits on each, after asking the fake history). */
async function reconciler(db: Db, seed: SeedFacts) {
  const now = Date.parse(seed.to) + 2_000;
  const deps = depsOf(db, () => now);
  const open = await timeRuns(() => openRequests(db, { limit: 50 }), RUNS, CASE_BUDGET_MS);
  let summary = null as Awaited<ReturnType<typeof reconcileOnce>> | null;
  const pass = await timeRuns(async () => (summary = await reconcileOnce(deps)), RUNS, CASE_BUDGET_MS);
  const rec = recorder(db);
  rec.state.on = true;
  const found = await openRequests(rec.db, { limit: 50 });
  rec.state.on = false;
  return {
    open: { ...open, median: median(open.ms), rows: found.length },
    pass: { ...pass, median: median(pass.ms), summary },
    plans: await explain(db, dialect, rec.state.queries),
  };
}

async function main() {
  const t0 = performance.now();
  const db = dialect === "postgres" ? openDatabase({ kind: "postgres", url: args.url as string }) : openDatabase({ kind: "sqlite", file: args.file as string });
  try {
    const migrations = await migrateToLatest(db);
    say(`migrated (${migrations.join(", ")})`);
    await db
      .insertInto("users")
      .values({
        id: ACTOR.id,
        email: ACTOR.email,
        name: ACTOR.name,
        password_hash: null,
        role: null,
        source: "local",
        oidc_subject: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const startsEmpty = await starts(db);
    say(`starts on the empty ledger: median ${startsEmpty.median.toFixed(2)} ms`);

    say(`seeding ${ROWS} rows over ${args.days} days…`);
    const seed = await seedLedger(db, { rows: ROWS, days: Number(args.days), now: Date.now() }, (m) => say(`  ${m}`));
    say(`seeded ${seed.rows} rows (${seed.attempts} attempts, ${seed.open} open) in ${seed.seconds.toFixed(0)} s`);
    // A live PostgreSQL's autovacuum analyses a table that grew this much; right after a bulk load it has not yet.
    const t1 = performance.now();
    if (dialect === "postgres") await sql`VACUUM ANALYZE`.execute(db);
    const analyzeSeconds = (performance.now() - t1) / 1000;

    const cases = [];
    for (const c of auditCases(seed)) {
      const r = await auditCase(db, c);
      say(`  ${c.view} · ${c.name}: median ${r.median.toFixed(1)} ms (total ${r.total})${r.plans.some((p) => p.fullScan) ? " — full scan" : ""}`);
      cases.push(r);
    }
    say("CSV export of the whole ledger…");
    const csv = await csvRuns(db, seed.rows);
    const reconcile = await reconciler(db, seed);
    say(`reconciler: open requests ${reconcile.open.median.toFixed(2)} ms, pass ${reconcile.pass.median.toFixed(2)} ms`);
    const startsFull = await starts(db);
    say(`starts on the full ledger: median ${startsFull.median.toFixed(2)} ms`);
    // What an upgrade costs on this ledger: the ledger's index migrations undone (newest first), then applied again
    // (their indexes built), each timed; the figure reported is the newest one's, what the last upgrade runs.
    await m0010.down(db);
    await m0009.down(db);
    const migrationRuns = [];
    for (const [name, m] of [
      ["0009_ledger_indexes", m0009],
      ["0010_ledger_counts", m0010],
    ] as const) {
      const t2 = performance.now();
      await m.up(db);
      const seconds = (performance.now() - t2) / 1000;
      migrationRuns.push({ name, seconds });
      say(`migration ${name} on the full ledger: ${seconds.toFixed(1)} s`);
    }
    const { apps, actors, ...facts } = seed;
    const out = {
      dialect,
      migrations,
      seed: { ...facts, apps: apps.length, actors: actors.length, analyzeSeconds },
      cases,
      csv,
      reconcile,
      starts: { empty: startsEmpty, full: startsFull },
      migration: migrationRuns.at(-1),
      migrationRuns,
      seconds: (performance.now() - t0) / 1000,
    };
    writeFileSync(args.out as string, JSON.stringify(out));
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  say(`ledger bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
