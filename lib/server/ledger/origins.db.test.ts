/** The history's ledger facts (recordOrigins) on both dialects: reason and rollback target per created record. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../db/testing";
import { ACTOR, type Fixture, input, newTaskId, openFixture } from "../deploy/db-fixture";
import { recordOrigins } from "./query";
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
    expect(o.get(first)).toEqual({ recordId: first, action: "start", reason: "weekly release", targetRecordId: null });
    expect(o.get(rollback)).toEqual({ recordId: rollback, action: "rollback", reason: "stock counts drift", targetRecordId: first });
    expect(o.has(unknown)).toBe(false);
    expect(o.size).toBe(2);
  });

  it("keeps to the task asked about and answers an empty page without a query", async () => {
    expect((await recordOrigins(f.t.db, task, [plain])).size).toBe(0);
    expect((await recordOrigins(f.t.db, other, [plain])).get(plain)).toMatchObject({ action: "start", reason: null, targetRecordId: null });
    expect((await recordOrigins(f.t.db, task, [])).size).toBe(0);
  });
});
