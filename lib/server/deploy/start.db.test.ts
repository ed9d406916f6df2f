/** startDeployment on both dialects: write-ahead, fail closed, idempotency under concurrency, the per-task guard. */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { DIALECTS } from "../db/testing";
import { ACTOR, OTHER, type Fixture, input, newTaskId, openFixture, rowsOf } from "./db-fixture";
import { readMarker } from "./in-flight";
import { startDeployment } from "./start";

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof ApiError ? e.code : String(e)),
  );

describe.each(DIALECTS)("guarded start on %s", (dialect) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await openFixture(dialect);
  });
  afterAll(async () => {
    await f.t.close();
  });

  it("writes requested before the call and started after it, and holds the task", async () => {
    const taskId = newTaskId();
    let rowsAtCall = -1;
    const start = f.fake.startTask.bind(f.fake);
    f.fake.startTask = async (i) => {
      rowsAtCall = (await rowsOf(f, taskId)).length;
      return start(i);
    };
    try {
      const out = await startDeployment(f.deps, input(taskId, { body: { params: [], record_id: undefined, reason: "hotfix" } }));
      expect(out.kind).toBe("started");
      expect(rowsAtCall).toBe(1);
    } finally {
      f.fake.startTask = start;
    }
    const rows = await rowsOf(f, taskId);
    expect(rows.map((r) => r.phase)).toEqual(["requested", "started"]);
    const [req, done] = rows;
    expect(done?.correlation).toBe(req?.id);
    expect(req).toMatchObject({ action: "start", actor_id: ACTOR.id, actor_email: ACTOR.email, reason: "hotfix", client_address: "10.1.2.3" });
    expect(JSON.parse(req?.actor_teams ?? "[]")).toEqual(["ops"]);
    expect(await readMarker(f.t.db, taskId)).toMatchObject({ state: "running", ledger_id: req?.id, record_id: done?.record_id });
  });

  it("refuses a second start of a running task with 409 and a denied row, without calling the cloud", async () => {
    const taskId = newTaskId();
    await startDeployment(f.deps, input(taskId));
    const calls = f.fake.startCalls;
    const err = await startDeployment(f.deps, input(taskId, { actor: OTHER })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("deploy_in_progress");
    expect((err as ApiError).extra?.inFlight).toMatchObject({ state: "running", by: { email: ACTOR.email } });
    expect((err as ApiError).message).toContain(`/tasks/${taskId}/records/`);
    expect(f.fake.startCalls).toBe(calls);
    const denied = (await rowsOf(f, taskId)).filter((r) => r.phase === "denied");
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ action: "denied", attempted: "start", http_status: 409, error_code: "deploy_in_progress", actor_id: OTHER.id });
  });

  it("releases the marker once the record has finished (checked upstream when the marker is not fresh)", async () => {
    const taskId = newTaskId();
    await startDeployment(f.deps, input(taskId));
    f.fake.finishAll();
    f.clock.now += 10_000;
    expect((await startDeployment(f.deps, input(taskId))).kind).toBe("started");
  });

  it("fails closed: when the requested row cannot be written, the cloud is not called", async () => {
    const taskId = newTaskId();
    const calls = f.fake.startCalls;
    await sql`ALTER TABLE ledger RENAME TO ledger_gone`.execute(f.t.db);
    try {
      expect(await codeOf(startDeployment(f.deps, input(taskId, { idempotencyKey: `key-closed-${taskId}` })))).toBe("ledger_unavailable");
    } finally {
      await sql`ALTER TABLE ledger_gone RENAME TO ledger`.execute(f.t.db);
    }
    expect(f.fake.startCalls).toBe(calls);
    expect(await readMarker(f.t.db, taskId)).toBeUndefined();
    // The key was released: the same submission goes through once the ledger is back.
    expect((await startDeployment(f.deps, input(taskId, { idempotencyKey: `key-closed-${taskId}` }))).kind).toBe("started");
  });

  it("answers concurrent duplicates of one key with one upstream call and the same answer", async () => {
    const taskId = newTaskId();
    const calls = f.fake.startCalls;
    const key = `dup-${taskId}`;
    const outs = await Promise.all(Array.from({ length: 40 }, () => startDeployment(f.deps, input(taskId, { idempotencyKey: key }))));
    expect(f.fake.startCalls - calls).toBe(1);
    const started = outs.filter((o) => o.kind === "started");
    expect(started).toHaveLength(1);
    const result = started[0]?.kind === "started" ? started[0].result : null;
    for (const o of outs.filter((x) => x.kind === "replay")) expect(o).toEqual({ kind: "replay", status: 200, body: result });
    expect((await rowsOf(f, taskId)).map((r) => r.phase)).toEqual(["requested", "started"]);
  });

  it("refuses a reused key with another body, task or user (422)", async () => {
    const taskId = newTaskId();
    const key = `reuse-${taskId}`;
    await startDeployment(f.deps, input(taskId, { idempotencyKey: key }));
    const other = { params: [{ key: "image_tag", value: "v2", type: "text" as const }] };
    expect(await codeOf(startDeployment(f.deps, input(taskId, { idempotencyKey: key, body: other })))).toBe("idempotency_key_reused");
    expect(await codeOf(startDeployment(f.deps, input(taskId, { idempotencyKey: key, actor: OTHER })))).toBe("idempotency_key_reused");
    expect(await codeOf(startDeployment(f.deps, input(newTaskId(), { idempotencyKey: key })))).toBe("idempotency_key_reused");
  });

  it("lets an expired key be used again", async () => {
    const taskId = newTaskId();
    const key = `expired-${taskId}`;
    await startDeployment(f.deps, input(taskId, { idempotencyKey: key }));
    f.fake.finishAll();
    f.clock.now += 25 * 3_600_000;
    const other = { params: [{ key: "image_tag", value: "v9", type: "text" as const }] };
    expect((await startDeployment(f.deps, input(taskId, { idempotencyKey: key, body: other }))).kind).toBe("started");
  });

  it("lets one of many concurrent starts with different keys through; the rest get 409", async () => {
    const taskId = newTaskId();
    const calls = f.fake.startCalls;
    const codes = await Promise.all(
      Array.from({ length: 25 }, (_, i) => codeOf(startDeployment(f.deps, input(taskId, { idempotencyKey: `many-${i}-${taskId}` })))),
    );
    expect(codes.filter((c) => c === "ok")).toHaveLength(1);
    expect(codes.filter((c) => c === "deploy_in_progress")).toHaveLength(24);
    expect(f.fake.startCalls - calls).toBe(1);
    const rows = await rowsOf(f, taskId);
    expect(rows.filter((r) => r.phase === "denied")).toHaveLength(24);
    expect(rows.filter((r) => r.phase === "requested")).toHaveLength(1);
  });

  it("records an upstream refusal, releases the task and keeps the answer for the key", async () => {
    const taskId = newTaskId();
    f.fake.mode = { kind: "refuse", errorCode: "Deploy.00011042" };
    try {
      expect(await codeOf(startDeployment(f.deps, input(taskId, { idempotencyKey: `refused-${taskId}` })))).toBe("upstream_refused");
      const replay = await startDeployment(f.deps, input(taskId, { idempotencyKey: `refused-${taskId}` }));
      expect(replay).toMatchObject({ kind: "replay", status: 422, body: { error: { code: "upstream_refused" } } });
      f.fake.mode = { kind: "refuse", errorCode: "Deploy.00011027" };
      const busy = await startDeployment(f.deps, input(taskId)).catch((e: unknown) => e);
      expect(busy).toMatchObject({ code: "deploy_in_progress", extra: { upstream: { error_code: "Deploy.00011027" } } });
    } finally {
      f.fake.mode = { kind: "ok" };
    }
    const rows = await rowsOf(f, taskId);
    expect(
      rows
        .filter((r) => r.phase === "refused")
        .map((r) => r.upstream_error_code)
        .sort(),
    ).toEqual(["Deploy.00011027", "Deploy.00011042"]);
    expect(await readMarker(f.t.db, taskId)).toBeUndefined();
  });

  it("refuses UPDATE and DELETE on the ledger at the database", async () => {
    // SQLite has no TRUNCATE; PostgreSQL's is refused by its own trigger.
    const update = sql`UPDATE ledger SET reason = 'x'`;
    const del = sql`DELETE FROM ledger`;
    const writes = { sqlite: [update, del], postgres: [update, del, sql`TRUNCATE ledger`] };
    for (const write of writes[dialect]) await expect(write.execute(f.t.db)).rejects.toThrow(/append-only/);
  });
});
