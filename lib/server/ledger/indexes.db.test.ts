/**
 * Migration 0009 on both dialects: the ledger's indexes for the audit page, reversible; and the plans they give the
 * audit queries — an index read in the page's order, never the whole ledger sorted. SQLite's plans come from the
 * statistics 0009 writes (the same on any ledger); PostgreSQL's from its own, so there the question is whether an
 * index can serve the query at all (sequential scans off).
 */
import { CompiledQuery, type Kysely, type KyselyPlugin, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../db/testing";
import * as m0009 from "../db/migrations/0009_ledger_indexes";
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

describe.each(DIALECTS)("ledger indexes (migration 0009) on %s", (dialect) => {
  let f: Fixture;
  const task = newTaskId();

  beforeAll(async () => {
    f = await openFixture(dialect);
    await rememberTask(f.t.db, { taskId: task, appId: "c".repeat(32), name: "orders-api" });
    await startDeployment(f.deps, input(task));
  });
  afterAll(async () => {
    await f.t.close();
  });

  const indexes = async () =>
    dialect === "sqlite"
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'ledger'`.execute(f.t.db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'ledger'`.execute(f.t.db)).rows.map((r) => r.name);

  it("replaces the task, actor and correlation indexes, and goes back and forth keeping the rows", async () => {
    expect(await indexes()).toEqual(expect.arrayContaining(NEW));
    expect(await indexes()).not.toEqual(expect.arrayContaining([REPLACED[0]]));
    const rows = await f.t.db.selectFrom("ledger").select("id").execute();
    await m0009.down(f.t.db);
    expect(await indexes()).toEqual(expect.arrayContaining(REPLACED));
    expect((await indexes()).filter((n) => NEW.includes(n))).toEqual([]);
    await m0009.up(f.t.db);
    expect(await indexes()).toEqual(expect.arrayContaining(NEW));
    expect(await f.t.db.selectFrom("ledger").select("id").execute()).toEqual(rows);
  });

  /** The plan of each statement the call sends, one text per statement. */
  async function plans(run: (db: Kysely<Database>) => Promise<unknown>): Promise<string[]> {
    const out: string[] = [];
    for (const q of await statementsOf(f.t.db, run)) {
      if (dialect === "sqlite") {
        const r = await f.t.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]));
        out.push(r.rows.map((x) => x.detail).join(" | "));
      } else {
        out.push(
          await f.t.db.transaction().execute(async (tx) => {
            await sql`set local enable_seqscan = off`.execute(tx);
            const r = await tx.executeQuery<{ "QUERY PLAN": string }>(CompiledQuery.raw(`explain ${q.sql}`, [...q.parameters]));
            return r.rows.map((x) => x["QUERY PLAN"].trim()).join(" | ");
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
    expect(count).toMatch(/ledger_heads_at_idx/);
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
