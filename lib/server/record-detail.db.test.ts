/**
 * The record route's composition (recordDetail) on both dialects: the ledger's facts, and the AOM mapping a record
 * produced — captured once while the record is the task's latest, kept after a later run replaced it upstream.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AomComponent, RecordDetail } from "../schemas/records";
import { DIALECTS } from "./db/testing";
import { ACTOR, type Fixture, input, newTaskId, openFixture } from "./deploy/db-fixture";
import { readMarker } from "./deploy/in-flight";
import { startDeployment } from "./deploy/start";
import { stopDeployment } from "./deploy/stop";
import { recordDetail } from "./record-detail";

const comp = (effective: boolean): AomComponent => ({
  appId: "a".repeat(32),
  appName: "shop",
  compId: "c".repeat(32),
  compName: "api",
  region: "cn-north-4",
  domainId: "d".repeat(32),
  effective,
});

/** CodeArts as the record route reads it: each record's state, the task's mapping now, and which record is latest. */
class Cloud {
  finished = new Set<string>();
  latest: string | null = null;
  effective = true;
  latestFails = false;
  latestCalls = 0;
  getRecord = ({ taskId, recordId }: { taskId: string; recordId: string }): Promise<RecordDetail> =>
    Promise.resolve({
      recordId,
      taskId,
      taskName: "shop",
      state: this.finished.has(recordId) ? "succeeded" : "running",
      finished: this.finished.has(recordId),
      executor: "deployer",
      startTime: null,
      endTime: null,
      steps: [],
      components: [comp(this.effective)],
      appId: "a".repeat(32),
    });
  releaseIdsOf = ({ recordIds }: { taskId: string; recordIds: readonly string[] }) => Promise.resolve(new Map(recordIds.map((id, i) => [id, 40 + i])));
  recordState = ({ taskId }: { taskId: string; recordId: string | null }) => {
    this.latestCalls++;
    if (this.latestFails) return Promise.reject(new Error("APIGW.0308 throttled"));
    return Promise.resolve(
      this.latest ? { recordId: this.latest, state: "succeeded" as const, finished: true, executor: "deployer", startTime: null, taskId } : null,
    );
  };
}

describe.each(DIALECTS)("recordDetail on %s", (dialect) => {
  let f: Fixture;
  const task = newTaskId();
  let first = "";
  let second = "";
  const cloud = new Cloud();
  const read = (recordId: string) => recordDetail(cloud, f.t.db, { taskId: task, recordId }, { requestId: "req" });

  beforeAll(async () => {
    f = await openFixture(dialect);
    const a = await startDeployment(f.deps, input(task, { body: { params: [], reason: "weekly release" } }));
    if (a.kind !== "started") throw new Error("not started");
    first = a.result.id;
    await stopDeployment(f.deps, { taskId: task, recordId: first, actor: ACTOR, client: input(task).client });
    f.clock.now += 1_000;
    const b = await startDeployment(f.deps, input(task, { body: { params: [], record_id: first, reason: "bad release" } }));
    if (b.kind !== "started") throw new Error("not started");
    second = b.result.id;
  });
  afterAll(async () => {
    await f.t.close();
  });

  it("names the person, the job, the reason and the rollback target from the ledger", async () => {
    const d = await read(second);
    expect(d.startedBy).toEqual({ name: ACTOR.name, email: ACTOR.email });
    expect(d.executor).toBe("deployer");
    expect(d.jobName).toBe(`job_${second}`);
    expect(d.reason).toBe("bad release");
    expect(d.rollbackOf).toEqual({ recordId: first, releaseId: 40 });
    expect(d.releaseId).toBe(40);
  });

  it("a record started elsewhere has no ledger facts, not made-up ones", async () => {
    const d = await read("e".repeat(32));
    expect(d).toMatchObject({ startedBy: null, jobName: null, reason: null, rollbackOf: null });
  });

  it("while running: the task's mapping, said to be current; the task stays held", async () => {
    expect((await read(second)).componentsAsOf).toBe("running");
    expect((await readMarker(f.t.db, task))?.record_id).toBe(second);
  });

  it("captures the mapping once the record is seen finished as the latest, and keeps it after a later run", async () => {
    cloud.finished.add(second);
    cloud.latest = second;
    const seen = await read(second);
    // Seen finished: the task's in-flight hold is released by this read.
    expect(await readMarker(f.t.db, task)).toBeUndefined();
    expect(seen).toMatchObject({ componentsAsOf: "finished", components: [comp(true)] });
    expect(seen.componentsCapturedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // A later run (aborted) turns the task's component Initialised: the record still shows what it produced.
    cloud.effective = false;
    cloud.latest = "f".repeat(32);
    const calls = cloud.latestCalls;
    const again = await read(second);
    expect(again).toMatchObject({ componentsAsOf: "finished", components: [comp(true)], componentsCapturedAt: seen.componentsCapturedAt });
    expect(cloud.latestCalls).toBe(calls); // read from the capture: no upstream call
  });

  it("a record first seen after a later run says the state is the task's current one, and asks only once", async () => {
    cloud.finished.add(first);
    const d = await read(first);
    expect(d).toMatchObject({ componentsAsOf: "later", components: [comp(false)] });
    const calls = cloud.latestCalls;
    expect((await read(first)).componentsAsOf).toBe("later");
    expect(cloud.latestCalls).toBe(calls);
  });

  it("when the latest record cannot be read, the state is current and unverified, and nothing is captured", async () => {
    const other = "9".repeat(32);
    cloud.finished.add(other);
    cloud.latestFails = true;
    expect((await read(other)).componentsAsOf).toBe("current");
    cloud.latestFails = false;
    cloud.latest = other;
    expect((await read(other)).componentsAsOf).toBe("finished");
  });
});
