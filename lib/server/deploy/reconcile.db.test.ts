/** In-doubt starts, dead processes, stops and the reconciler, on both dialects. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CodeArtsError } from "../../codearts/errors";
import { ApiError } from "../errors";
import { DIALECTS } from "../db/testing";
import { type Fixture, input, newTaskId, openFixture, rowsOf } from "./db-fixture";
import { liveStartMs, notStartedGraceMs } from "./timeouts";
import { MARKER_FRESH_MS, leaseMarker, readMarker } from "./in-flight";
import { openRequests, reconcileOnce } from "./reconcile";
import { startDeployment } from "./start";
import { stopDeployment } from "./stop";
import { appendRow } from "../ledger/store";
import * as m0008 from "../db/migrations/0008_ledger_open";

const phases = async (f: Fixture, taskId: string) => (await rowsOf(f, taskId)).map((r) => r.phase);

describe.each(DIALECTS)("reconciliation on %s", (dialect) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await openFixture(dialect);
  });
  afterAll(async () => {
    await f.t.close();
  });

  it("an in-doubt start that did reach the cloud is closed as started, and its key then replays the record", async () => {
    const taskId = newTaskId();
    const key = `doubt-started-${taskId}`;
    f.fake.mode = { kind: "lost_after_start" };
    const err = await startDeployment(f.deps, input(taskId, { idempotencyKey: key })).catch((e: unknown) => e);
    f.fake.mode = { kind: "ok" };
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("upstream_in_doubt");
    expect(await phases(f, taskId)).toEqual(["requested", "in_doubt"]);
    expect(await readMarker(f.t.db, taskId)).toMatchObject({ state: "in_doubt" });
    // Never retried: the same key replays the in-doubt answer, another start is refused.
    const calls = f.fake.startCalls;
    expect(await startDeployment(f.deps, input(taskId, { idempotencyKey: key }))).toMatchObject({
      status: 502,
      body: { error: { code: "upstream_in_doubt" } },
    });
    await expect(startDeployment(f.deps, input(taskId))).rejects.toMatchObject({ code: "deploy_in_progress", extra: { inFlight: { state: "in_doubt" } } });
    expect(f.fake.startCalls).toBe(calls);

    const s = await reconcileOnce(f.deps, { taskId });
    expect(s.started).toBe(1);
    const record = f.fake.records.find((r) => r.taskId === taskId);
    const rows = await rowsOf(f, taskId);
    expect(rows.find((r) => r.phase === "started")).toMatchObject({ record_id: record?.recordId, correlation: rows[0]?.id });
    expect(await readMarker(f.t.db, taskId)).toMatchObject({ state: "running", record_id: record?.recordId });
    expect(await startDeployment(f.deps, input(taskId, { idempotencyKey: key }))).toMatchObject({ status: 200, body: { id: record?.recordId } });
  });

  it("an in-doubt start that never reached the cloud waits out the grace period, then is closed as not started", async () => {
    const taskId = newTaskId();
    const key = `doubt-none-${taskId}`;
    f.fake.mode = { kind: "lost_before_start" };
    await startDeployment(f.deps, input(taskId, { idempotencyKey: key })).catch(() => undefined);
    f.fake.mode = { kind: "ok" };
    expect((await reconcileOnce(f.deps, { taskId })).waiting).toBe(1);
    expect(await phases(f, taskId)).toEqual(["requested", "in_doubt"]);
    f.clock.now += notStartedGraceMs(f.deps.timeoutMs) + 1_000;
    expect((await reconcileOnce(f.deps, { taskId })).notStarted).toBe(1);
    expect(await phases(f, taskId)).toEqual(["requested", "in_doubt", "not_started"]);
    expect(await readMarker(f.t.db, taskId)).toBeUndefined();
    // Nothing was deployed, so the key is free: the same submission now starts.
    expect((await startDeployment(f.deps, input(taskId, { idempotencyKey: key }))).kind).toBe("started");
  });

  it("a start whose process died is settled from the history either way; exactly one outcome per requested row", async () => {
    const reached = newTaskId();
    const lost = newTaskId();
    const never = new Promise<void>(() => undefined); // the process "died": its handlers never continue
    f.fake.mode = { kind: "gate", gate: never };
    void startDeployment(f.deps, input(reached));
    void startDeployment(f.deps, input(lost));
    for (let i = 0; i < 100 && (await openRequests(f.t.db, { limit: 100 })).filter((r) => [reached, lost].includes(r.task_id ?? "")).length < 2; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    f.fake.mode = { kind: "ok" };
    f.fake.create(reached, input(reached).body); // this one reached the cloud before the process died
    f.clock.now += 1_000;
    await Promise.all([reconcileOnce(f.deps), reconcileOnce(f.deps), reconcileOnce(f.deps)]); // three "processes"
    expect(await phases(f, reached)).toEqual(["requested", "started"]);
    expect(await phases(f, lost)).toEqual(["requested"]);
    f.clock.now += notStartedGraceMs(f.deps.timeoutMs);
    await Promise.all([reconcileOnce(f.deps), reconcileOnce(f.deps)]);
    expect(await phases(f, lost)).toEqual(["requested", "not_started"]);
    expect((await openRequests(f.t.db, { limit: 1000 })).filter((r) => [reached, lost].includes(r.task_id ?? ""))).toEqual([]);
  });

  it("respects another process's lease, for one pass at most", async () => {
    const taskId = newTaskId();
    f.fake.mode = { kind: "lost_after_start" };
    await startDeployment(f.deps, input(taskId)).catch(() => undefined);
    f.fake.mode = { kind: "ok" };
    const marker = await readMarker(f.t.db, taskId);
    expect(
      await leaseMarker(f.t.db, {
        taskId,
        ledgerId: marker!.ledger_id,
        owner: "a-process-that-died",
        now: new Date(f.clock.now),
        forMs: liveStartMs(f.deps.timeoutMs),
      }),
    ).toBe(true);
    expect((await reconcileOnce(f.deps, { taskId })).started).toBe(0);
    f.clock.now += liveStartMs(f.deps.timeoutMs) + 1;
    expect((await reconcileOnce(f.deps, { taskId })).started).toBe(1);
  });

  it("does not take a person's own start, or a record the ledger already holds, for the console's", async () => {
    const taskId = newTaskId();
    await startDeployment(f.deps, input(taskId));
    f.fake.finishAll();
    f.clock.now += 10_000;
    f.fake.mode = { kind: "lost_before_start" };
    await startDeployment(f.deps, input(taskId)).catch(() => undefined);
    f.fake.mode = { kind: "ok" };
    f.fake.operator = "zhang.wei"; // someone deploys from the CodeArts UI meanwhile
    f.fake.create(taskId, input(taskId).body);
    f.fake.operator = "console-iam-user";
    f.clock.now += notStartedGraceMs(f.deps.timeoutMs) + 1_000;
    await reconcileOnce(f.deps, { taskId });
    expect((await phases(f, taskId)).at(-1)).toBe("not_started");
  });

  it("stops: requested then stopped, and the task's marker goes with the record", async () => {
    const taskId = newTaskId();
    const out = await startDeployment(f.deps, input(taskId));
    const recordId = out.kind === "started" ? out.result.id : "";
    await stopDeployment(f.deps, { taskId, recordId, actor: input(taskId).actor, client: input(taskId).client });
    const stops = (await rowsOf(f, taskId)).filter((r) => r.action === "stop");
    expect(stops.map((r) => r.phase)).toEqual(["requested", "stopped"]);
    expect(stops[1]?.correlation).toBe(stops[0]?.id);
    expect(await readMarker(f.t.db, taskId)).toBeUndefined();
    expect((await startDeployment(f.deps, input(taskId))).kind).toBe("started");
  });

  it("a stop whose answer was lost is settled from the record's state", async () => {
    const taskId = newTaskId();
    const out = await startDeployment(f.deps, input(taskId));
    const recordId = out.kind === "started" ? out.result.id : "";
    const stop = f.fake.stopRecord.bind(f.fake);
    f.fake.stopRecord = async (i) => {
      await stop(i);
      throw new CodeArtsError("timeout", "StopDeployTask", 0, null, "timed out", null, { idempotent: false });
    };
    try {
      await expect(stopDeployment(f.deps, { taskId, recordId, actor: input(taskId).actor, client: input(taskId).client })).rejects.toMatchObject({
        code: "upstream_in_doubt",
      });
    } finally {
      f.fake.stopRecord = stop;
    }
    f.clock.now += notStartedGraceMs(f.deps.timeoutMs);
    expect((await reconcileOnce(f.deps, { taskId })).stops).toBe(1);
    expect((await rowsOf(f, taskId)).filter((r) => r.action === "stop").map((r) => r.phase)).toEqual(["requested", "in_doubt", "stopped"]);
  });

  it("one pass releases every finished deployment's marker, not a first few", async () => {
    const tasks = Array.from({ length: 30 }, () => newTaskId());
    for (const taskId of tasks) expect((await startDeployment(f.deps, input(taskId))).kind).toBe("started");
    f.fake.finishAll();
    f.clock.now += MARKER_FRESH_MS + 1;
    await reconcileOnce(f.deps);
    const left = await Promise.all(tasks.map((taskId) => readMarker(f.t.db, taskId)));
    expect(left.filter(Boolean)).toEqual([]);
  });

  it("reads open rows from ledger_open, and a pass drops the ones settled since (by their handler or by itself)", async () => {
    const [done, doubt] = [newTaskId(), newTaskId()];
    expect((await startDeployment(f.deps, input(done))).kind).toBe("started");
    f.fake.mode = { kind: "lost_after_start" };
    await startDeployment(f.deps, input(doubt)).catch(() => undefined);
    f.fake.mode = { kind: "ok" };
    const listed = async () =>
      (await f.t.db.selectFrom("ledger_open as k").innerJoin("ledger as r", "r.id", "k.ledger_id").select("r.task_id").execute())
        .map((r) => r.task_id)
        .filter((t) => t === done || t === doubt)
        .sort();
    // Both requested rows were listed by the write-ahead; only the one without its outcome is open.
    expect(await listed()).toEqual([done, doubt].sort());
    expect((await openRequests(f.t.db, { limit: 1000 })).map((r) => r.task_id).filter((t) => t === done || t === doubt)).toEqual([doubt]);
    // The pass settles the one in doubt (it did reach the cloud), then drops both: nothing settled stays listed.
    await reconcileOnce(f.deps);
    expect((await phases(f, doubt)).at(-1)).toBe("started");
    expect(await listed()).toEqual([]);
  });

  it("migration 0008 lists the requested rows that had no final outcome before it, and only those", async () => {
    const [open, closed] = [newTaskId(), newTaskId()];
    const at = new Date(f.clock.now);
    const base = { action: "start" as const, attempted: null, actor: input(open).actor, client: input(open).client };
    const openId = await appendRow(f.t.db, { ...base, task_id: open, phase: "requested" }, at);
    const closedId = await appendRow(f.t.db, { ...base, task_id: closed, phase: "requested" }, at);
    await appendRow(f.t.db, { ...base, task_id: closed, phase: "refused", correlation: closedId }, at);
    await m0008.down(f.t.db);
    await m0008.up(f.t.db);
    const ids = (await f.t.db.selectFrom("ledger_open").select("ledger_id").execute()).map((r) => r.ledger_id);
    expect(ids).toContain(openId);
    expect(ids).not.toContain(closedId);
  });
});
