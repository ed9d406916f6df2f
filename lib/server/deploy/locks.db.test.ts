/** Deploy locks on both dialects: who may take, renew and release one, what it refuses, and what the ledger keeps. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { DIALECTS } from "../db/testing";
import { ACTOR, type Fixture, input, newTaskId, OTHER, openFixture, rowsOf } from "./db-fixture";
import { currentLock, lockTask, locksOf, unlockTask } from "./locks";
import { startDeployment } from "./start";

const client = { address: "10.1.2.3", userAgent: "vitest", requestId: "req" };
const ada = { actor: ACTOR, client };
const bob = { actor: OTHER, client };

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected a console refusal, got ${String(err)}`);
  return err;
}

describe.each(DIALECTS)("deploy locks on %s", (dialect) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await openFixture(dialect);
  });
  afterAll(async () => {
    await f.t.close();
  });

  it("a lock refuses everyone's start but its owner's (423 with the lock), with a denied row and no upstream call", async () => {
    const task = newTaskId();
    const lock = await lockTask(f.deps, { ...ada, taskId: task, body: { reason: "DB migration", minutes: 60 } });
    expect(lock).toMatchObject({ by: { id: ACTOR.id, name: "Ada" }, reason: "DB migration", mine: true });
    expect(Date.parse(lock.until) - Date.parse(lock.since)).toBe(60 * 60_000);

    const calls = f.fake.startCalls;
    f.clock.now += 1_000;
    const err = await refusal(startDeployment(f.deps, input(task, { actor: OTHER })));
    expect(err.code).toBe("task_locked");
    expect(err.status).toBe(423);
    expect(err.extra?.lock).toMatchObject({ by: { name: "Ada" }, reason: "DB migration", mine: false });
    expect(f.fake.startCalls).toBe(calls);
    // A rollback is refused the same way.
    f.clock.now += 1_000;
    expect((await refusal(startDeployment(f.deps, input(task, { actor: OTHER, body: { params: [], record_id: "r".repeat(32), reason: "x" } })))).code).toBe(
      "task_locked",
    );
    // The owner deploys.
    f.clock.now += 1_000;
    expect((await startDeployment(f.deps, input(task))).kind).toBe("started");

    const rows = await rowsOf(f, task);
    expect(rows.map((r) => [r.action, r.phase, r.attempted, r.error_code, r.actor_name])).toEqual([
      ["lock", "recorded", null, null, "Ada"],
      ["denied", "denied", "start", "task_locked", "Bob"],
      ["denied", "denied", "rollback", "task_locked", "Bob"],
      ["start", "requested", null, null, "Ada"],
      ["start", "started", null, null, "Ada"],
    ]);
    expect(rows[0]!.reason).toBe("DB migration");
  });

  it("someone else cannot take or renew a live lock; the owner renews it", async () => {
    const task = newTaskId();
    await lockTask(f.deps, { ...ada, taskId: task, body: { reason: "first", minutes: 30 } });
    const err = await refusal(lockTask(f.deps, { ...bob, taskId: task, body: { reason: "mine now", minutes: 30 } }));
    expect(err.code).toBe("task_locked");
    expect((await currentLock(f.t.db, task, f.clock.now, OTHER.id))?.reason).toBe("first");
    const renewed = await lockTask(f.deps, { ...ada, taskId: task, body: { reason: "longer", minutes: 120, note: "ETA 17:00" } });
    expect(renewed).toMatchObject({ reason: "longer", note: "ETA 17:00", mine: true });
  });

  it("two users racing for a free task: exactly one holds it", async () => {
    const task = newTaskId();
    const results = await Promise.allSettled([
      lockTask(f.deps, { ...ada, taskId: task, body: { reason: "a", minutes: 15 } }),
      lockTask(f.deps, { ...bob, taskId: task, body: { reason: "b", minutes: 15 } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lockRows = (await rowsOf(f, task)).filter((r) => r.action === "lock");
    expect(lockRows).toHaveLength(1);
  });

  it("an expired lock is no lock: it refuses nothing and the next lock replaces it", async () => {
    const task = newTaskId();
    await lockTask(f.deps, { ...ada, taskId: task, body: { reason: "short", minutes: 15 } });
    f.clock.now += 15 * 60_000;
    expect(await currentLock(f.t.db, task, f.clock.now, null)).toBeNull();
    expect((await locksOf(f.t.db, [task], f.clock.now, null)).size).toBe(0);
    expect((await startDeployment(f.deps, input(task, { actor: OTHER }))).kind).toBe("started");
    const bobs = await lockTask(f.deps, { ...bob, taskId: task, body: { reason: "after", minutes: 15 } });
    expect(bobs).toMatchObject({ by: { id: OTHER.id }, reason: "after" });
  });

  it("unlock: the owner; not someone else (403); an admin breaks it only with a reason; nothing to unlock is 404", async () => {
    const task = newTaskId();
    await lockTask(f.deps, { ...ada, taskId: task, body: { reason: "maintenance", minutes: 60 } });
    const notYours = await refusal(unlockTask(f.deps, { ...bob, taskId: task, isAdmin: false, reason: null }));
    expect([notYours.code, notYours.extra?.reason, notYours.extra?.args]).toEqual(["forbidden", "lock_not_yours", { name: "Ada" }]);
    const noReason = await refusal(unlockTask(f.deps, { ...bob, taskId: task, isAdmin: true, reason: null }));
    expect([noReason.code, noReason.extra?.reason]).toEqual(["validation_failed", "break_needs_reason"]);
    expect(await currentLock(f.t.db, task, f.clock.now, null)).not.toBeNull();

    f.clock.now += 1_000;
    await unlockTask(f.deps, { ...bob, taskId: task, isAdmin: true, reason: "hotfix needed now" });
    expect(await currentLock(f.t.db, task, f.clock.now, null)).toBeNull();
    const broken = (await rowsOf(f, task)).find((r) => r.action === "break_lock")!;
    expect(broken).toMatchObject({ phase: "recorded", actor_name: "Bob", reason: "hotfix needed now" });
    expect(broken.message).toContain("Ada");
    expect(broken.message).toContain("maintenance");

    const none = await refusal(unlockTask(f.deps, { ...ada, taskId: task, isAdmin: false, reason: null }));
    expect([none.code, none.extra?.reason]).toEqual(["not_found", "not_locked"]);

    f.clock.now += 1_000;
    await lockTask(f.deps, { ...ada, taskId: task, body: { reason: "again", minutes: 15 } });
    f.clock.now += 1_000;
    await unlockTask(f.deps, { ...ada, taskId: task, isAdmin: false, reason: null });
    expect((await rowsOf(f, task)).map((r) => r.action)).toEqual(["lock", "break_lock", "lock", "unlock"]);
  });

  it("the ledger stays append-only after the migration that widened its vocabulary", async () => {
    await expect(f.t.db.updateTable("ledger").set({ reason: "rewritten" }).execute()).rejects.toThrow(/append-only/);
    await expect(f.t.db.deleteFrom("ledger").execute()).rejects.toThrow(/append-only/);
  });
});
