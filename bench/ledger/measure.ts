/**
 * Timing for the ledger-scale bench: repeated runs within a time budget, and a Kysely plugin that records the SQL
 * the console's own query code sends, so that each statement's plan can be read back (SQLite's EXPLAIN QUERY PLAN,
 * PostgreSQL's EXPLAIN ANALYZE) beside its time.
 */
import {
  CompiledQuery,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";
import type { Db } from "../../lib/server/db/schema";

export interface Timed {
  /** Every timed run, ms (the warm-up not included). */
  ms: number[];
  /** True when the time budget ended the runs early. */
  cut: boolean;
}

/** One warm-up, then up to `runs` timed runs; no new run starts once `budgetMs` has passed (at least one is timed). */
export async function timeRuns(fn: () => Promise<unknown>, runs: number, budgetMs: number): Promise<Timed> {
  const until = performance.now() + budgetMs;
  await fn();
  const ms: number[] = [];
  while (ms.length < runs && (ms.length === 0 || performance.now() < until)) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return { ms, cut: ms.length < runs };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? Number.NaN : s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

export interface RecordedQuery {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * Records every statement run through the returned `db` while `state.on` is set: its SQL and parameters. (Statements
 * built from one query builder share a query id, and run side by side, so they are timed one by one later.)
 */
export function recorder(db: Db) {
  const state = { on: false, queries: [] as RecordedQuery[] };
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      if (state.on) {
        const compiled = db.getExecutor().compileQuery(args.node, args.queryId);
        state.queries.push({ sql: compiled.sql, parameters: compiled.parameters });
      }
      return args.node;
    },
    transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return Promise.resolve(args.result);
    },
  };
  return { db: db.withPlugin(plugin), state };
}

export interface Plan {
  sql: string;
  ms: number;
  /** The plan, one line per node (PostgreSQL: without costs). */
  plan: string[];
  /** A full scan of the ledger table (SQLite `SCAN <table>` without an index, PostgreSQL `Seq Scan on ledger`). */
  fullScan: boolean;
}

/**
 * Each recorded SELECT on its own: its time (median of three runs after one) and its plan (EXPLAIN QUERY PLAN on
 * SQLite, EXPLAIN ANALYZE on PostgreSQL).
 */
export async function explain(db: Db, dialect: "sqlite" | "postgres", queries: RecordedQuery[]): Promise<Plan[]> {
  const out: Plan[] = [];
  for (const q of queries) {
    if (!/^\s*select/i.test(q.sql)) continue;
    const timed = await timeRuns(() => db.executeQuery(CompiledQuery.raw(q.sql, [...q.parameters])), 3, 10_000);
    const ms = median(timed.ms);
    if (dialect === "sqlite") {
      const r = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]));
      const plan = r.rows.map((x) => x.detail);
      // "SCAN x" of a table without an index; a subquery's own rows (CO-ROUTINE, MATERIALIZE) are not the ledger.
      const subqueries = new Set(plan.flatMap((d) => /^(?:CO-ROUTINE|MATERIALIZE) (\S+)/.exec(d)?.slice(1) ?? []));
      const scans = plan.flatMap((d) => /^SCAN (\S+)$/.exec(d)?.slice(1) ?? []);
      out.push({ sql: q.sql, ms, plan, fullScan: scans.some((t) => !subqueries.has(t) && !t.startsWith("(") && t !== "CONSTANT") });
    } else {
      const r = await db.executeQuery<{ "QUERY PLAN": string }>(CompiledQuery.raw(`explain (analyze, costs off) ${q.sql}`, [...q.parameters]));
      const lines = r.rows.map((x) => x["QUERY PLAN"]);
      const plan = lines.filter((l) => !/^\s*(Planning|Execution) Time/.test(l)).map((l) => l.replace(/\s+/g, " ").trim());
      out.push({ sql: q.sql, ms, plan, fullScan: plan.some((l) => /Seq Scan on ledger\b/.test(l)) });
    }
  }
  return out;
}
