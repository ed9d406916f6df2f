/**
 * The start pipeline's checks, each on its own and in order: what each refuses with, that a refusal stops the
 * checks after it and never reaches the cloud, that a refused attempt gets exactly one `denied` row (401/403/409
 * only), and that a check added to the list refuses like the built-in ones.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../db/migrate";
import { DIALECTS, openTestDb } from "../db/testing";
import { ApiError } from "../errors";
import { ACTOR, OTHER, type Fixture, input, newTaskId, openFixture, rowsOf } from "./db-fixture";
import { readMarker } from "./in-flight";
import { START_CHECKS, type StartCheck, startDeployment } from "./start";

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof ApiError ? e.code : String(e)),
  );

const PROTECTED = { appId: "app-p", taskId: "", appName: "payments", createdBy: "admin@example.com", createdAt: "2026-01-01T00:00:00Z" };

describe.each(DIALECTS)("start pipeline on %s", (dialect) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await openFixture(dialect);
  });
  afterAll(async () => {
    await f.t.close();
  });

  const denied = async (taskId: string) => (await rowsOf(f, taskId)).filter((r) => r.phase === "denied");
  const keyRow = (key: string) => f.t.db.selectFrom("idempotency_keys").selectAll().where("key", "=", key).executeTakeFirst();

  it("names its checks in the order the start goes through them", () => {
    expect(START_CHECKS.map((c) => c.name)).toEqual(["deploy lock", "freeze windows", "approval", "protected-app confirmation", "in-flight hold"]);
  });

  it("protected-app confirmation: 422 without the exact name and a reason; no row, no key, no call", async () => {
    const taskId = newTaskId();
    const protection = { ...PROTECTED, taskId };
    const calls = f.fake.startCalls;
    const key = `prot-${taskId}`;
    for (const body of [
      { params: [], confirm_name: "payment", reason: "fix" },
      { params: [], confirm_name: "payments" },
      { params: [], reason: "fix" },
    ]) {
      const err = await startDeployment(f.deps, input(taskId, { protection, body, idempotencyKey: key })).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "protected_confirmation_required", status: 422 });
      expect((err as ApiError).message).toContain("payments is protected");
    }
    expect(f.fake.startCalls).toBe(calls);
    expect(await rowsOf(f, taskId)).toHaveLength(0);
    expect(await keyRow(key)).toBeUndefined();
    // The confirmed start goes through, and names the app from the protection (no other record of it).
    const out = await startDeployment(f.deps, input(taskId, { protection, body: { params: [], confirm_name: " payments ", reason: "fix" } }));
    expect(out.kind).toBe("started");
    expect((await rowsOf(f, taskId)).map((r) => [r.phase, r.app_name])).toEqual([
      ["requested", "payments"],
      ["started", "payments"],
    ]);
    // After the start: the user's last run for the task.
    const mine = await f.t.db.selectFrom("user_task_params").selectAll().where("task_id", "=", taskId).executeTakeFirst();
    expect(mine).toMatchObject({ user_id: ACTOR.id, record_id: out.kind === "started" ? out.result.id : "" });
  });

  it("a start by a user deleted meanwhile still writes its outcome; there is no last run to remember", async () => {
    const taskId = newTaskId();
    const gone = { ...OTHER, id: "44444444-4444-4444-8444-444444444444", email: "gone@example.com" };
    expect((await startDeployment(f.deps, input(taskId, { actor: gone }))).kind).toBe("started");
    expect((await rowsOf(f, taskId)).map((r) => r.phase)).toEqual(["requested", "started"]);
    expect(await readMarker(f.t.db, taskId)).toMatchObject({ state: "running" });
    expect(await f.t.db.selectFrom("user_task_params").selectAll().where("task_id", "=", taskId).execute()).toEqual([]);
  });

  it("protected-app confirmation comes before the in-flight hold", async () => {
    const taskId = newTaskId();
    const protection = { ...PROTECTED, taskId };
    await startDeployment(f.deps, input(taskId, { protection, body: { params: [], confirm_name: "payments", reason: "first" } }));
    expect(await codeOf(startDeployment(f.deps, input(taskId, { protection, body: { params: [] } })))).toBe("protected_confirmation_required");
    expect(await denied(taskId)).toHaveLength(0);
  });

  it("in-flight hold: 409 with one denied row; it comes before idempotency, so the refused key is not kept", async () => {
    const taskId = newTaskId();
    await startDeployment(f.deps, input(taskId));
    const key = `held-${taskId}`;
    const calls = f.fake.startCalls;
    expect(await codeOf(startDeployment(f.deps, input(taskId, { actor: OTHER, idempotencyKey: key })))).toBe("deploy_in_progress");
    expect(f.fake.startCalls).toBe(calls);
    expect(await keyRow(key)).toBeUndefined();
    const rows = await denied(taskId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ attempted: "start", http_status: 409, error_code: "deploy_in_progress", actor_id: OTHER.id, idempotency_key: key });
  });

  it("in-flight hold lets the holding request's own key through, so a resend gets the first answer", async () => {
    const taskId = newTaskId();
    const key = `own-${taskId}`;
    const first = await startDeployment(f.deps, input(taskId, { idempotencyKey: key }));
    const again = await startDeployment(f.deps, input(taskId, { idempotencyKey: key }));
    expect(first.kind).toBe("started");
    expect(again).toEqual({ kind: "replay", status: 200, body: first.kind === "started" ? first.result : null });
    expect(await denied(taskId)).toHaveLength(0);
  });

  it("idempotency: a key still being carried out is 409 with one denied row; a reused key is 422 with none", async () => {
    const taskId = newTaskId();
    const key = `busy-${taskId}`;
    let open!: () => void;
    f.fake.mode = { kind: "gate", gate: new Promise<void>((r) => (open = r)) };
    const first = startDeployment(f.deps, input(taskId, { idempotencyKey: key }));
    try {
      // The duplicate waits for the first answer no longer than its clock allows: here, not at all.
      await expect.poll(async () => (await readMarker(f.t.db, taskId))?.state).toBe("requested");
      const impatient = { ...f.deps, timeoutMs: -2_600 };
      expect(await codeOf(startDeployment(impatient, input(taskId, { idempotencyKey: key })))).toBe("idempotency_in_progress");
    } finally {
      open();
      f.fake.mode = { kind: "ok" };
    }
    expect((await first).kind).toBe("started");
    const other = { params: [{ key: "image_tag", value: "v2", type: "text" as const }] };
    expect(await codeOf(startDeployment(f.deps, input(taskId, { idempotencyKey: key, body: other })))).toBe("idempotency_key_reused");
    const rows = await denied(taskId);
    expect(rows.map((r) => [r.http_status, r.error_code])).toEqual([[409, "idempotency_in_progress"]]);
  });

  it("a check added to the list refuses like the others: one denied row, no key held, the cloud not called", async () => {
    const taskId = newTaskId();
    const key = `extra-${taskId}`;
    const freeze: StartCheck = {
      name: "freeze window",
      async run() {
        throw new ApiError("conflict", "Deployments are frozen until Monday.");
      },
    };
    const calls = f.fake.startCalls;
    const err = await startDeployment(f.deps, input(taskId, { idempotencyKey: key }), [...START_CHECKS, freeze]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "conflict", status: 409, message: "Deployments are frozen until Monday." });
    expect(f.fake.startCalls).toBe(calls);
    expect(await keyRow(key)).toBeUndefined();
    expect(await readMarker(f.t.db, taskId)).toBeUndefined();
    const rows = await rowsOf(f, taskId);
    expect(rows.map((r) => [r.phase, r.error_code, r.actor_id])).toEqual([["denied", "conflict", ACTOR.id]]);
    // Without the extra check the same request goes through.
    expect((await startDeployment(f.deps, input(taskId, { idempotencyKey: key }))).kind).toBe("started");
  });

  it("answers 503 ledger_unavailable when the database is really gone, and calls nobody", async () => {
    const gone = await openTestDb(dialect);
    await migrateToLatest(gone.db);
    await gone.db.destroy(); // the connection pool is closed: every query now fails
    const calls = f.fake.startCalls;
    try {
      expect(await codeOf(startDeployment({ ...f.deps, db: gone.db }, input(newTaskId(), { idempotencyKey: "db-gone-key" })))).toBe("ledger_unavailable");
    } finally {
      await gone.close().catch(() => undefined);
    }
    expect(f.fake.startCalls).toBe(calls);
  });

  it("writes no denied row for an upstream refusal: its outcome row says it", async () => {
    const taskId = newTaskId();
    f.fake.mode = { kind: "refuse", errorCode: "Deploy.00011154", status: 403 };
    try {
      expect(await codeOf(startDeployment(f.deps, input(taskId)))).toBe("upstream_forbidden");
    } finally {
      f.fake.mode = { kind: "ok" };
    }
    expect((await rowsOf(f, taskId)).map((r) => [r.phase, r.http_status])).toEqual([
      ["requested", null],
      ["refused", 403],
    ]);
  });
});
