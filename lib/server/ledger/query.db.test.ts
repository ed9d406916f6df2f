/** Reading the ledger on both dialects: filters, visibility, paging, the export's batches, a record's rows, no secret in clear. */
import { readFileSync } from "node:fs";
import { sql } from "kysely";
import type { AuditFilters } from "../../schemas/ledger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../db/testing";
import { ACTOR, type Fixture, OTHER, input, newTaskId, openFixture } from "../deploy/db-fixture";
import { timeRange } from "./filters";
import { type Visibility, ledgerBatches, listAttempts, listLedger, recordLedger } from "./query";
import { appendRow } from "./store";
import { startDeployment } from "../deploy/start";
import { stopDeployment } from "../deploy/stop";
import { rememberTask } from "../db/task-names";

const ALL = { page: 1, size: 200 };

describe("timeRange", () => {
  it("reads a date as the whole UTC day", () => {
    expect(timeRange({ from: "2026-03-01", to: "2026-03-01" })).toEqual({ from: "2026-03-01T00:00:00.000Z", to: "2026-03-02T00:00:00.000Z" });
    expect(timeRange({ from: "2026-03-01T08:00:00+08:00" })).toEqual({ from: "2026-03-01T00:00:00.000Z", to: undefined });
  });
});

describe.each(DIALECTS)("ledger queries on %s", (dialect) => {
  let f: Fixture;
  const a = newTaskId();
  const b = newTaskId();
  const planted = `planted-secret-${Math.random().toString(36).slice(2)}`;
  let recordA = "";

  beforeAll(async () => {
    f = await openFixture(dialect);
    await rememberTask(f.t.db, { taskId: a, appId: "a".repeat(32), name: "订单服务" });
    await rememberTask(f.t.db, { taskId: b, appId: "b".repeat(32), name: "Payment_Gateway 100%" });
    const out = await startDeployment(f.deps, input(a, { body: { params: [{ key: "db_password", value: planted, type: "encrypt" }], reason: "hotfix" } }));
    recordA = out.kind === "started" ? out.result.id : "";
    await startDeployment(f.deps, input(a, { actor: OTHER })).catch(() => undefined); // 409: denied
    f.clock.now += 1_000;
    await stopDeployment(f.deps, { taskId: a, recordId: recordA, actor: ACTOR, client: input(a).client });
    f.clock.now += 1_000;
    await startDeployment(f.deps, input(b, { actor: OTHER, idempotencyKey: `q-${b}`, body: { params: [{ key: "token", value: planted, type: "encrypt" }] } }));
  });
  afterAll(async () => {
    await f.t.close();
  });

  it("filters by app, task, user, action, outcome and time; newest first", async () => {
    const all = await listLedger(f.t.db, ALL, "all");
    expect(all.total).toBe(7);
    expect(all.items.map((e) => e.at)).toEqual([...all.items.map((e) => e.at)].sort().reverse());
    expect((await listLedger(f.t.db, { ...ALL, app: "订单" }, "all")).total).toBe(5);
    expect((await listLedger(f.t.db, { ...ALL, app: "b".repeat(32) }, "all")).total).toBe(2);
    expect((await listLedger(f.t.db, { ...ALL, app: "100%" }, "all")).total).toBe(2);
    expect((await listLedger(f.t.db, { ...ALL, app: "_%" }, "all")).total).toBe(0); // wildcards are literal
    expect((await listLedger(f.t.db, { ...ALL, task: b }, "all")).total).toBe(2);
    expect((await listLedger(f.t.db, { ...ALL, user: "BOB@" }, "all")).total).toBe(3);
    expect((await listLedger(f.t.db, { ...ALL, user: ACTOR.id }, "all")).total).toBe(4);
    expect((await listLedger(f.t.db, { ...ALL, action: "stop" }, "all")).total).toBe(2);
    expect((await listLedger(f.t.db, { ...ALL, action: "denied" }, "all")).items[0]).toMatchObject({ phase: "denied", actor: { email: OTHER.email } });
    expect((await listLedger(f.t.db, { ...ALL, outcome: "started" }, "all")).total).toBe(2);
    const day = new Date(f.clock.now).toISOString().slice(0, 10);
    expect((await listLedger(f.t.db, { ...ALL, from: day, to: day }, "all")).total).toBe(7);
    expect((await listLedger(f.t.db, { ...ALL, to: "2000-01-01" }, "all")).total).toBe(0);
  });

  it("pages, and marks requested rows closed once they have an outcome", async () => {
    const p1 = await listLedger(f.t.db, { page: 1, size: 3 }, "all");
    const p3 = await listLedger(f.t.db, { page: 3, size: 3 }, "all");
    expect(p1.items).toHaveLength(3);
    expect(p3.items).toHaveLength(1);
    const all = await listLedger(f.t.db, ALL, "all");
    expect(all.items.filter((e) => e.phase === "requested").every((e) => e.resolution === "closed")).toBe(true);
    expect(all.items.filter((e) => e.phase !== "requested").every((e) => e.resolution === null)).toBe(true);
  });

  it("shows a user only the tasks they may view", async () => {
    expect((await listLedger(f.t.db, ALL, new Set([b]))).items.every((e) => e.taskId === b)).toBe(true);
    expect((await listLedger(f.t.db, ALL, new Set())).total).toBe(0);
  });

  it("streams the whole filtered set in batches", async () => {
    const seen: string[] = [];
    for await (const batch of ledgerBatches(f.t.db, {}, "all", 3)) seen.push(...batch.rows.map((e) => e.id));
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect((await listLedger(f.t.db, ALL, "all")).items.map((e) => e.id)).toEqual(seen);
  });

  it("lists by attempt: each request with how it ended and its rows; a refusal is one attempt", async () => {
    const attempts = await listAttempts(f.t.db, ALL, "all");
    // Seven rows: start a (requested, started), the 409 refusal, stop a (requested, stopped), start b (2 rows).
    expect(attempts.total).toBe(4);
    // (Newest first; the refusal and start a share one clock instant.)
    expect(attempts.items.map((e) => `${e.action}:${e.phase}:${e.rows.length}`).sort()).toEqual([
      "denied:denied:1",
      "start:started:2",
      "start:started:2",
      "stop:stopped:2",
    ]);
    expect(attempts.items[0]?.taskId).toBe(b);
    const startA = attempts.items.find((e) => e.taskId === a && e.action === "start");
    expect(startA).toMatchObject({ recordId: recordA, recordLink: `/tasks/${a}/records/${recordA}`, status: 200, reason: "hotfix", resolution: "closed" });
    expect(startA?.rows.map((r) => r.phase)).toEqual(["requested", "started"]);
    expect(startA?.params?.[0]?.value).toMatch(/^hmac:/);
    // An outcome filter finds the attempts that reached it; the other filters apply to the request.
    expect((await listAttempts(f.t.db, { ...ALL, outcome: "stopped" }, "all")).items.map((e) => e.action)).toEqual(["stop"]);
    expect((await listAttempts(f.t.db, { ...ALL, outcome: "requested" }, "all")).total).toBe(3);
    expect((await listAttempts(f.t.db, { ...ALL, task: b }, "all")).total).toBe(1);
    expect((await listAttempts(f.t.db, { page: 2, size: 3 }, "all")).items).toHaveLength(1);
    expect((await listAttempts(f.t.db, ALL, new Set())).total).toBe(0);
  });

  it("counts up to its cap and says so; a page that is not full is the last and gives the total", async () => {
    expect(await listLedger(f.t.db, ALL, "all", { countCap: 2 })).toMatchObject({ total: 7, capped: false });
    expect(await listLedger(f.t.db, { page: 1, size: 1 }, "all", { countCap: 2 })).toMatchObject({ total: 2, capped: true });
    // Further on, the count reaches the page asked for: there is always a next page while more rows exist.
    expect(await listLedger(f.t.db, { page: 4, size: 1 }, "all", { countCap: 2 })).toMatchObject({ total: 4, capped: true });
    expect(await listLedger(f.t.db, { page: 7, size: 1 }, "all", { countCap: 2 })).toMatchObject({ total: 7, capped: false });
    expect(await listAttempts(f.t.db, { page: 1, size: 1 }, "all", { countCap: 2 })).toMatchObject({ total: 2, capped: true });
    // Past the end: no rows, and the count says how many there are.
    expect(await listLedger(f.t.db, { page: 9, size: 1 }, "all")).toMatchObject({ items: [], total: 7, capped: false });
  });

  it("reads a user's text on the e-mail or the name, each row once, page after page", async () => {
    // "ada" is part of Ada's name and of her e-mail: both reads find her rows, the page has each once.
    const byId = (await listLedger(f.t.db, { ...ALL, user: ACTOR.id }, "all")).items.map((e) => e.id);
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(...(await listLedger(f.t.db, { page, size: 2, user: "ada" }, "all")).items.map((e) => e.id));
    expect(pages).toEqual(byId);
    expect((await listLedger(f.t.db, { page: 1, size: 2, user: "ada" }, "all")).total).toBe(byId.length);
    expect((await listLedger(f.t.db, { ...ALL, user: "nobody" }, "all")).total).toBe(0);
    // An app id matches the id, or a name containing it (none here).
    expect((await listLedger(f.t.db, { ...ALL, app: "a".repeat(32), user: "ADA" }, "all")).total).toBe(4);
    const seen: string[] = [];
    for await (const batch of ledgerBatches(f.t.db, { user: "ada" }, "all", 3)) seen.push(...batch.rows.map((e) => e.id));
    expect(seen).toEqual(byId);
  });

  it("finds attempts by an answer's phase within a time range, counted from the answers", async () => {
    const day = new Date(f.clock.now).toISOString().slice(0, 10);
    expect(await listAttempts(f.t.db, { page: 1, size: 1, outcome: "started", from: day }, "all")).toMatchObject({ total: 2, capped: false });
    expect(await listAttempts(f.t.db, { page: 1, size: 1, outcome: "started", task: b }, "all")).toMatchObject({ total: 1 });
    expect((await listAttempts(f.t.db, { page: 1, size: 1, outcome: "started", to: "2000-01-01" }, "all")).total).toBe(0);
    expect((await listAttempts(f.t.db, { ...ALL, outcome: "denied" }, "all")).items.map((e) => e.phase)).toEqual(["denied"]);
  });

  it("lists a record's rows: its start (requested and outcome) and its stop", async () => {
    const rows = await recordLedger(f.t.db, a, recordA);
    expect(rows.map((e) => `${e.action}:${e.phase}`)).toEqual(["start:requested", "start:started", "stop:requested", "stop:stopped"]);
    expect(rows[1]).toMatchObject({ recordId: recordA, recordLink: `/tasks/${a}/records/${recordA}` });
  });

  it("never holds an encrypt value in clear", async () => {
    const entries = (await listLedger(f.t.db, ALL, "all")).items;
    expect(JSON.stringify(entries)).not.toContain(planted);
    expect(entries.find((e) => e.params?.[0]?.key === "db_password")?.params?.[0]?.value).toMatch(/^hmac:[0-9a-f]{64}$/);
    if (dialect === "postgres") {
      for (const table of ["ledger", "idempotency_keys", "deploy_inflight"]) {
        const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)} t WHERE t::text LIKE ${`%${planted}%`}`.execute(f.t.db);
        expect(Number(r.rows[0]?.n), table).toBe(0);
      }
    } else {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(f.t.db);
      const file = (await sql<{ file: string }>`PRAGMA database_list`.execute(f.t.db)).rows[0]?.file ?? "";
      for (const path of [file, `${file}-wal`]) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(path);
        } catch {
          continue;
        }
        expect(bytes.includes(Buffer.from(planted)), path).toBe(false);
      }
    }
  });

  // Last: it adds attempts of its own task.
  it("counts the attempts with an outcome other than started from their answers, each attempt once", async () => {
    const c = newTaskId();
    const common = { action: "start", task_id: c, app_id: "c".repeat(32), app_name: "ledger-counts", actor: ACTOR, client: input(c).client } as const;
    const attempt = async (...answers: ("in_doubt" | "failed" | "started")[]) => {
      const id = await appendRow(f.t.db, { ...common, phase: "requested" });
      for (const phase of answers) await appendRow(f.t.db, { ...common, phase, correlation: id });
    };
    await attempt("in_doubt", "in_doubt"); // asked twice, never answered
    await attempt("failed");
    await attempt("in_doubt", "failed");
    await attempt("started");
    const count = async (filters: AuditFilters, visible: Visibility = "all") =>
      (await listAttempts(f.t.db, { page: 1, size: 1, task: c, ...filters }, visible)).total;
    expect(await count({ outcome: "in_doubt" })).toBe(2);
    expect(await count({ outcome: "failed" })).toBe(2);
    expect(await count({ outcome: "failed" }, new Set([c]))).toBe(2);
    expect(await count({ outcome: "failed", action: "stop" })).toBe(0);
    expect(await count({ outcome: "in_doubt", from: new Date(f.clock.now + 86_400_000).toISOString() })).toBe(0);
    expect(await count({ outcome: "started" })).toBe(1);
  });
});
