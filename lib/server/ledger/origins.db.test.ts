/** The history's ledger facts (recordOrigins) on both dialects: reason and rollback target per created record. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../db/testing";
import { ACTOR, type Fixture, input, newTaskId, openFixture } from "../deploy/db-fixture";
import { isSameRun, lastStarts, recordOrigins } from "./origins";
import { startDeployment } from "../deploy/start";
import { stopDeployment } from "../deploy/stop";

describe.each(DIALECTS)("recordOrigins on %s", (dialect) => {
  let f: Fixture;
  const task = newTaskId();
  const other = newTaskId();
  let first = "";
  let rollback = "";
  let plain = "";

  const started = async (i: Parameters<typeof startDeployment>[1]) => {
    const out = await startDeployment(f.deps, i);
    if (out.kind !== "started") throw new Error("not started");
    return out.result.id;
  };

  beforeAll(async () => {
    f = await openFixture(dialect);
    first = await started(input(task, { body: { params: [], reason: "weekly release" } }));
    f.clock.now += 1_000;
    await stopDeployment(f.deps, { taskId: task, recordId: first, actor: ACTOR, client: input(task).client });
    f.clock.now += 1_000;
    rollback = await started(input(task, { body: { params: [], record_id: first, reason: "stock counts drift" } }));
    plain = await started(input(other));
  });
  afterAll(async () => {
    await f.t.close();
  });

  it("names the reason of each start and the target of a rollback, in one query for the page", async () => {
    const unknown = "z".repeat(32);
    const o = await recordOrigins(f.t.db, task, [rollback, first, unknown, rollback]);
    const by = { name: ACTOR.name, email: ACTOR.email };
    expect(o.get(first)).toEqual({ recordId: first, action: "start", reason: "weekly release", targetRecordId: null, startedBy: by, jobName: `job_${first}` });
    expect(o.get(rollback)).toEqual({
      recordId: rollback,
      action: "rollback",
      reason: "stock counts drift",
      targetRecordId: first,
      startedBy: by,
      jobName: `job_${rollback}`,
    });
    expect(o.has(unknown)).toBe(false);
    expect(o.size).toBe(2);
  });

  it("keeps to the task asked about and answers an empty page without a query", async () => {
    expect((await recordOrigins(f.t.db, task, [plain])).size).toBe(0);
    expect((await recordOrigins(f.t.db, other, [plain])).get(plain)).toMatchObject({ action: "start", reason: null, targetRecordId: null });
    expect((await recordOrigins(f.t.db, task, [])).size).toBe(0);
  });

  it("names each task's newest start (the picker's last run), one query for a page", async () => {
    const starts = await lastStarts(f.t.db, [task, other, "y".repeat(32), task]);
    expect([...starts.keys()].sort()).toEqual([task, other].sort());
    expect(starts.get(task)).toMatchObject({ recordId: rollback, startedBy: { name: "Ada", email: "ada@example.com" } });
    expect(starts.get(other)?.recordId).toBe(plain);
    expect((await lastStarts(f.t.db, [])).size).toBe(0);
  });
});

describe("isSameRun: the picker's last run is the console's last start when the cloud started it during the call", () => {
  const start = {
    taskId: "t",
    recordId: "r",
    requestedAt: "2026-12-06T10:00:00.400Z",
    startedAt: "2026-12-06T10:00:01.200Z",
    startedBy: { name: "Ada", email: null },
  };
  it("matches within the call, with slack for whole seconds and clock skew", () => {
    expect(isSameRun("2026-12-06T10:00:00.000Z", start)).toBe(true);
    expect(isSameRun("2026-12-06T10:00:03.000Z", start)).toBe(true);
    expect(isSameRun("2026-12-06T09:59:58.000Z", start)).toBe(false);
  });
  it("a later run from elsewhere (a pipeline) is not the console user's", () => {
    expect(isSameRun("2026-12-06T10:05:00.000Z", start)).toBe(false);
    expect(isSameRun(null, start)).toBe(false);
  });
});
