/** The record watcher and the ledger's events, on both dialects: no browser open, the cloud asked once per look. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../db/testing";
import { type Fixture, input, newTaskId, openFixture, rowsOf } from "../deploy/db-fixture";
import { readMarker } from "../deploy/in-flight";
import { type StartOutcome, startDeployment } from "../deploy/start";
import { stopDeployment } from "../deploy/stop";
import { FIRST_CHECK_MS } from "./events";
import { finishOf, nextLookMs, watchOnce } from "./watcher";

const idOf = (o: StartOutcome) => (o.kind === "started" ? o.result.id : "");

describe.each(DIALECTS)("record watcher on %s", (dialect) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await openFixture(dialect);
  });
  afterAll(async () => {
    await f.t.close();
  });

  const events = (taskId: string) => f.t.db.selectFrom("outbox").select(["kind", "record_id", "payload"]).where("task_id", "=", taskId).orderBy("at").execute();
  const watchOf = (recordId: string) => f.t.db.selectFrom("record_watch").selectAll().where("record_id", "=", recordId).executeTakeFirst();

  it("follows a started record until it succeeds: one finished row, the event, the hold released", async () => {
    const taskId = newTaskId();
    const started = await startDeployment(f.deps, input(taskId, { body: { params: [{ key: "image_tag", value: "v7", type: "text" }], reason: "ship v7" } }));
    const recordId = idOf(started);
    expect(await watchOf(recordId)).toMatchObject({ task_id: taskId, checks: 0 });
    expect((await events(taskId)).map((e) => e.kind)).toEqual(["deploy.started"]);

    // Not due yet: nobody is asked.
    const calls = f.fake.progressCalls;
    await watchOnce(f.deps);
    expect(f.fake.progressCalls).toBe(calls);

    // Due and still running: asked once, next look later.
    f.clock.now += FIRST_CHECK_MS;
    expect(await watchOnce(f.deps)).toMatchObject({ checked: 1, finished: 0 });
    expect(f.fake.progressCalls).toBe(calls + 1);
    expect(await watchOf(recordId)).toMatchObject({ checks: 1 });
    expect(await readMarker(f.t.db, taskId)).toMatchObject({ state: "running", record_id: recordId });

    const r = f.fake.records.find((x) => x.recordId === recordId)!;
    r.finished = true;
    r.endMs = r.startMs + 125_000;
    f.clock.now += nextLookMs(0);
    expect(await watchOnce(f.deps)).toMatchObject({ checked: 1, finished: 1 });
    const rows = await rowsOf(f, taskId);
    expect(rows.map((x) => x.phase)).toEqual(["requested", "started", "finished"]);
    const fin = rows[2]!;
    expect(fin).toMatchObject({ action: "start", correlation: rows[1]!.id, record_id: recordId, actor_email: "ada@example.com", reason: "ship v7" });
    expect(JSON.parse(fin.finish!)).toEqual({ state: "succeeded", durationMs: 125_000, failedStep: null, faqUrl: null });
    expect(fin.message).toBe("The deployment succeeded after 125 s.");
    expect(await readMarker(f.t.db, taskId)).toBeUndefined();
    expect(await watchOf(recordId)).toBeUndefined();
    const ev = await events(taskId);
    expect(ev.map((e) => e.kind)).toEqual(["deploy.started", "deploy.succeeded"]);
    const payload = JSON.parse(ev[1]!.payload);
    expect(payload).toMatchObject({ kind: "deploy.succeeded", recordId, actor: { name: "Ada", email: "ada@example.com" }, reason: "ship v7" });
    expect(payload.link).toMatch(new RegExp(`^https?://[^/]+/tasks/${taskId}/records/${recordId}$`));
  });

  it("a failed deployment names its failing step and FAQ; a stopped one ends deploy.stopped", async () => {
    const failTask = newTaskId();
    const a = await startDeployment(f.deps, input(failTask));
    const failId = idOf(a);
    Object.assign(
      f.fake.records.find((x) => x.recordId === failId)!,
      { finished: true, failed: true },
    );
    const stopTask = newTaskId();
    const b = await startDeployment(f.deps, input(stopTask));
    const stopId = idOf(b);
    await stopDeployment(f.deps, { taskId: stopTask, recordId: stopId, actor: input(stopTask).actor, client: input(stopTask).client });
    f.clock.now += FIRST_CHECK_MS;
    await watchOnce(f.deps);
    const failRow = (await rowsOf(f, failTask)).find((r) => r.phase === "finished")!;
    expect(JSON.parse(failRow.finish!)).toMatchObject({
      state: "failed",
      failedStep: "Health check",
      faqUrl: "https://support.huaweicloud.com/faq/health-check",
    });
    expect(failRow.message).toMatch(
      /^The deployment failed at step Health check after \d+ s \(FAQ: https:\/\/support\.huaweicloud\.com\/faq\/health-check\)\.$/,
    );
    expect((await events(failTask)).map((e) => e.kind)).toEqual(["deploy.started", "deploy.failed"]);
    expect((await events(stopTask)).map((e) => e.kind)).toEqual(["deploy.started", "deploy.stopped"]);
  });

  it("a throttled look is pushed back a minute and nothing is written", async () => {
    const taskId = newTaskId();
    const s = await startDeployment(f.deps, input(taskId));
    const recordId = idOf(s);
    f.clock.now += FIRST_CHECK_MS;
    f.fake.progressFails = true;
    try {
      expect(await watchOnce(f.deps)).toMatchObject({ postponed: 1, finished: 0 });
    } finally {
      f.fake.progressFails = false;
    }
    const w = await watchOf(recordId);
    expect(Date.parse(w!.next_at) - f.clock.now).toBe(60_000);
    expect(w!.lease_until).toBeNull();
    expect((await rowsOf(f, taskId)).map((r) => r.phase)).toEqual(["requested", "started"]);
  });

  it("two processes' passes at once ask the cloud once per record and write one finished row", async () => {
    const taskId = newTaskId();
    const s = await startDeployment(f.deps, input(taskId));
    const recordId = idOf(s);
    f.fake.records.find((x) => x.recordId === recordId)!.finished = true;
    f.clock.now += FIRST_CHECK_MS;
    const before = f.fake.progressCalls;
    await Promise.all([watchOnce(f.deps), watchOnce(f.deps), watchOnce(f.deps)]);
    expect(f.fake.progressCalls - before).toBe(1);
    expect((await rowsOf(f, taskId)).filter((r) => r.phase === "finished")).toHaveLength(1);
  });

  it("backs off as a deployment runs long", () => {
    expect([0, 5 * 60_000, 30 * 60_000, 3 * 3_600_000].map(nextLookMs)).toEqual([3_000, 10_000, 30_000, 60_000]);
    expect(finishOf(null).state).toBe("unknown");
  });
});
