/**
 * Migrations 0009 and 0010 on both dialects: the ledger's indexes for the audit page, reversible; and the plans they
 * give the audit queries — an index read in the page's order, never the whole ledger sorted, and a count read from
 * an index. SQLite's plans come from the statistics 0009 and 0010 write (the same on any ledger); PostgreSQL's from
 * its own, so there the question is whether an index can serve the query at all (sequential scans off).
 */
import { CompiledQuery, type Kysely, type KyselyPlugin, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../db/testing";
import * as m0009 from "../db/migrations/0009_ledger_indexes";
import * as m0010 from "../db/migrations/0010_ledger_counts";
import type { Database } from "../db/schema";
import { type Fixture, input, newTaskId, openFixture } from "../deploy/db-fixture";
import { startDeployment } from "../deploy/start";
import { rememberTask } from "../db/task-names";
import { lastStarts } from "./origins";
import { listAttempts, listLedger } from "./query";

const NEW = [
  "ledger_heads_at_idx",
  "ledger_correlation_phase_idx",
  "ledger_task_at_id_idx",
  "ledger_actor_at_idx",
  "ledger_action_at_idx",
  "ledger_phase_at_idx",
  "ledger_app_at_idx",
  "ledger_app_name_at_idx",
  "ledger_actor_email_at_idx",
  "ledger_actor_name_at_idx",
];
const REPLACED = ["ledger_task_at_idx", "ledger_actor_idx", "ledger_correlation_idx"];
const COUNTS = ["ledger_heads_task_at_idx", "ledger_answers_phase_at_idx"];

/** The SQL a call sends, captured on its way to the database. */
async function statementsOf(db: Kysely<Database>, run: (db: Kysely<Database>) => Promise<unknown>) {
  const seen: CompiledQuery[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => (seen.push(db.getExecutor().compileQuery(args.node, args.queryId)), args.node),
    transformResult: (args) => Promise.resolve(args.result),
  };
  await run(db.withPlugin(plugin));
  return seen.filter((q) => /^(select|with)/i.test(q.sql));
}

describe.each(DIALECTS)("ledger indexes (migrations 0009, 0010) on %s", (dialect) => {
  let f: Fixture;
  const task = newTaskId();
  const refusedTask = newTaskId();

  beforeAll(async () => {
    f = await openFixture(dialect);
    await rememberTask(f.t.db, { taskId: task, appId: "c".repeat(32), name: "orders-api" });
    await startDeployment(f.deps, input(task));
    // Two refused starts: a page of one is full, so its count is read.
    f.fake.mode = { kind: "refuse", errorCode: "Deploy.00011042" };
    for (let i = 0; i < 2; i++) await startDeployment(f.deps, input(refusedTask)).catch(() => undefined);
    f.fake.mode = { kind: "ok" };
  });
  afterAll(async () => {
    await f.t.close();
  });

  const indexes = async () =>
    dialect === "sqlite"
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'ledger'`.execute(f.t.db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'ledger'`.execute(f.t.db)).rows.map((r) => r.name);

  it("replaces the task, actor and correlation indexes, and goes back and forth keeping the rows", async () => {
    expect(await indexes()).toEqual(expect.arrayContaining([...NEW, ...COUNTS]));
    expect(await indexes()).not.toEqual(expect.arrayContaining([REPLACED[0]]));
    const rows = await f.t.db.selectFrom("ledger").select("id").execute();
    await m0010.down(f.t.db);
    expect((await indexes()).filter((n) => COUNTS.includes(n))).toEqual([]);
    await m0009.down(f.t.db);
    expect(await indexes()).toEqual(expect.arrayContaining(REPLACED));
    expect((await indexes()).filter((n) => NEW.includes(n))).toEqual([]);
    await m0009.up(f.t.db);
    await m0010.up(f.t.db);
    expect(await indexes()).toEqual(expect.arrayContaining([...NEW, ...COUNTS]));
    expect(await f.t.db.selectFrom("ledger").select("id").execute()).toEqual(rows);
  });

  /**
   * The plan of each statement the call sends, one text per statement. `without` (PostgreSQL): these indexes dropped
   * for the plan (in a transaction rolled back), to see what the others can do.
   */
  async function plans(run: (db: Kysely<Database>) => Promise<unknown>, { without = [] as string[] } = {}): Promise<string[]> {
    const out: string[] = [];
    for (const q of await statementsOf(f.t.db, run)) {
      if (dialect === "sqlite") {
        const r = await f.t.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]));
        out.push(r.rows.map((x) => x.detail).join(" | "));
      } else {
        out.push(
          await f.t.db.connection().execute(async (c) => {
            await sql`begin`.execute(c);
            try {
              await sql`set local enable_seqscan = off`.execute(c);
              for (const name of without) await sql`drop index ${sql.ref(name)}`.execute(c);
              const r = await c.executeQuery<{ "QUERY PLAN": string }>(CompiledQuery.raw(`explain ${q.sql}`, [...q.parameters]));
              return r.rows.map((x) => x["QUERY PLAN"].trim()).join(" | ");
            } finally {
              await sql`rollback`.execute(c);
            }
          }),
        );
      }
    }
    return out;
  }

  it("reads the audit page's first page, its filters and its answers through the indexes, in order", async () => {
    const page = { page: 1, size: 1 };
    const [first, count] = await plans((db) => listAttempts(db, page, "all"));
    expect(first).toMatch(/ledger_heads_at_idx/);
    // The count reads the attempts up to its cap in any order: either index of the attempts will do.
    expect(count).toMatch(/ledger_heads_(task_)?at_idx/);
    for (const [filter, index] of [
      [{ action: "stop" }, "ledger_action_at_idx"],
      [{ task }, "ledger_task_at_id_idx"],
      [{ user: "ada" }, "ledger_actor_(email|name)_at_idx"],
      [{ app: "orders" }, "ledger_app_name_at_idx"],
      [{ outcome: "refused" }, "ledger_phase_at_idx"],
    ] as const) {
      const all = await plans((db) => listLedger(db, { ...page, ...filter }, "all"));
      expect(all.join(" / "), JSON.stringify(filter)).toMatch(new RegExp(index));
      if (dialect === "sqlite") expect(all.join(" / "), JSON.stringify(filter)).not.toMatch(/SCAN ledger( \||$)/);
      else expect(all.join(" / "), JSON.stringify(filter)).not.toMatch(/Seq Scan on ledger/);
    }
    if (dialect === "sqlite") {
      // The newest rows come out of the index in the page's order: nothing is sorted but the page itself.
      expect(first).not.toMatch(/TEMP B-TREE/);
      const answers = await plans((db) => listAttempts(db, { ...page, outcome: "started" }, "all"));
      expect(answers.join(" / ")).toMatch(/ledger_correlation_phase_idx \(correlation=\? AND phase=\?\)/);
    }
  });

  it("counts a reader's attempts from their tasks' attempts, and an outcome other than started from its answers", async () => {
    const page = { page: 1, size: 1 };
    // PostgreSQL plans a test's few rows by guesses: the other indexes that could serve the count are put aside.
    const without = dialect === "postgres" ? ["ledger_heads_at_idx", "ledger_task_at_id_idx"] : [];
    const reader = (await plans((db) => listAttempts(db, page, new Set([task, refusedTask])), { without })).join(" / ");
    const refused = (await plans((db) => listAttempts(db, { ...page, outcome: "refused" }, "all"))).join(" / ");
    if (dialect === "sqlite") {
      expect(reader).toMatch(/SEARCH ledger USING INDEX ledger_heads_task_at_idx \(task_id=\?\)/);
      // The answers first, each attempt then found by its id; one answer per attempt, so nothing to make distinct.
      expect(refused).toMatch(/SEARCH o USING COVERING INDEX ledger_answers_phase_at_idx \(phase=\?\) \| SEARCH ledger USING INDEX sqlite_autoindex_ledger_1/);
      expect(refused).not.toMatch(/TEMP B-TREE FOR DISTINCT/);
      for (const plan of [reader, refused]) expect(plan).not.toMatch(/SCAN ledger( \||$)/);
    } else {
      // The count of a reader's attempts, from the index alone (the page itself reads rows).
      expect(reader).toMatch(/Aggregate .*Index Only Scan using ledger_heads_task_at_idx/);
      expect(refused).not.toMatch(/Seq Scan on ledger/);
    }
  });

  // SQLite only: PostgreSQL plans this one by its statistics of the table, which a test's few rows do not make (bench
  // step 6 measures it on a million rows).
  if (dialect === "sqlite") {
    it("keeps the picker's last start on the task's index, never reading every start by phase", async () => {
      const [plan] = await plans((db) => lastStarts(db, [task]));
      expect(plan).toMatch(/ledger_task_at_id_idx/);
      expect(plan).not.toMatch(/\(phase=\?\)/);
    });
  }
});
