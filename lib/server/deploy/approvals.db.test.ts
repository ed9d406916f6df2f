/** Two-person approval on both dialects: request, decide, execute exactly what was approved, once. */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPROVAL_TTL_MS } from "../../schemas/approval-rules";
import type { ApprovalRequestBody } from "../../schemas/approvals";
import type { StartDeployBody } from "../../schemas/deploy";
import { DIALECTS } from "../db/testing";
import { ApiError } from "../errors";
import { requireApproval } from "../db/approval-apps";
import { type Caller, createRequest, decideRequest, executeRequest, getRequest, listRequests } from "./approvals";
import { ACTOR, type Fixture, input, newTaskId, OTHER, openFixture, rowsOf } from "./db-fixture";
import { reconcileOnce } from "./reconcile";
import { startDeployment } from "./start";
import { notStartedGraceMs } from "./timeouts";

const client = { address: "10.1.2.3", userAgent: "vitest", requestId: "req" };
const CAROL = { id: "33333333-3333-4333-8333-333333333333", name: "Carol", email: "carol@example.com", teams: [] };

const callerOf = (actor: Caller["actor"], may: Caller["may"] = () => true): Caller => ({
  actor,
  client,
  may,
  forbidden: async () => new ApiError("forbidden", "no right"),
});
const ada = callerOf(ACTOR);
const bob = callerOf(OTHER);
const viewerCarol = callerOf(CAROL, (_, p) => p === "view");

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected a console refusal, got ${String(err)}`);
  return err;
}

const REQUEST: ApprovalRequestBody = {
  params: [
    { key: "image_tag", value: "v1", type: "text" },
    { key: "db_password", value: "Sup3r-s3cret!", type: "encrypt" },
  ],
  reason: "release 42",
};

const execute = (f: Fixture, caller: Caller, id: string, body: Partial<StartDeployBody> = {}) =>
  executeRequest(f.deps, caller, {
    id,
    body: { params: REQUEST.params, ...body },
    idempotencyKey: null,
    protection: async () => null,
    mayOverrideFreeze: false,
  });

describe.each(DIALECTS)("two-person approval on %s", (dialect) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await openFixture(dialect);
  });
  afterAll(async () => {
    await f.t.close();
  });

  async function approvalApp() {
    const task = newTaskId();
    await requireApproval(f.t.db, { taskId: task, appId: "a".repeat(32), appName: `app-${task.slice(0, 8)}` }, "admin@example.com");
    return task;
  }

  async function approved(task: string, body: ApprovalRequestBody = REQUEST) {
    const req = await createRequest(f.deps, ada, task, body);
    f.clock.now += 1_000;
    await decideRequest(f.deps, bob, req.id, "approve", "looks right");
    f.clock.now += 1_000;
    return req;
  }

  it("a request keeps a fingerprint and no secret in clear; it is pending until someone else decides", async () => {
    const task = await approvalApp();
    const req = await createRequest(f.deps, ada, task, REQUEST);
    expect(req).toMatchObject({ state: "pending", taskId: task, mine: true, canDecide: false, canExecute: false, reason: "release 42" });
    expect(req.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(req.params.find((p) => p.key === "db_password")?.value).toMatch(/^hmac:[0-9a-f]{64}$/);
    const stored = await f.t.db.selectFrom("approval_requests").selectAll().where("id", "=", req.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain("Sup3r-s3cret!");
    const ledger = await rowsOf(f, task);
    expect(JSON.stringify(ledger)).not.toContain("Sup3r-s3cret!");
    expect(ledger.map((r) => [r.action, r.phase, r.approval_id, r.reason])).toEqual([["approval_request", "recorded", req.id, "release 42"]]);
    expect((await getRequest(f.deps, bob, req.id)).canDecide).toBe(true);
    expect((await listRequests(f.deps, bob, { toApprove: true })).map((r) => r.id)).toContain(req.id);
    expect((await listRequests(f.deps, ada, { toApprove: true })).map((r) => r.id)).not.toContain(req.id);
    expect((await listRequests(f.deps, ada, { mine: true })).map((r) => r.id)).toContain(req.id);
    expect((await listRequests(f.deps, viewerCarol, { toApprove: true })).map((r) => r.id)).not.toContain(req.id);
  });

  it("one's own request cannot be decided (403 own_request); a second decision is 409; a viewer may not decide", async () => {
    const task = await approvalApp();
    const req = await createRequest(f.deps, ada, task, REQUEST);
    const own = await refusal(decideRequest(f.deps, ada, req.id, "approve", null));
    expect([own.status, own.code, own.extra?.reason]).toEqual([403, "forbidden", "own_request"]);
    expect((await refusal(decideRequest(f.deps, viewerCarol, req.id, "approve", null))).status).toBe(403);
    const ok = await decideRequest(f.deps, bob, req.id, "approve", "fine");
    expect(ok).toMatchObject({ state: "approved", decidedBy: { name: "Bob" }, comment: "fine", canExecute: true });
    const again = await refusal(decideRequest(f.deps, bob, req.id, "approve", null));
    expect([again.status, again.code]).toEqual([409, "approval_not_pending"]);
    expect((await refusal(decideRequest(f.deps, bob, req.id, "reject", "no"))).code).toBe("approval_not_pending");
    const rows = (await rowsOf(f, task)).map((r) => [r.action, r.actor_name, r.reason]);
    expect(rows).toEqual([
      ["approval_request", "Ada", "release 42"],
      ["approve", "Bob", "fine"],
    ]);
  });

  it("a rejected request cannot be executed", async () => {
    const task = await approvalApp();
    const req = await createRequest(f.deps, ada, task, REQUEST);
    expect(await decideRequest(f.deps, bob, req.id, "reject", "not today")).toMatchObject({ state: "rejected", comment: "not today" });
    const calls = f.fake.startCalls;
    const err = await refusal(execute(f, ada, req.id));
    expect([err.status, err.code, err.extra?.reason]).toEqual([409, "approval_not_executable", "approval_rejected"]);
    expect(f.fake.startCalls).toBe(calls);
    expect((await rowsOf(f, task)).map((r) => r.action)).toEqual(["approval_request", "reject", "denied"]);
  });

  it("an expired approval cannot be executed, and a pending request expires too", async () => {
    const task = await approvalApp();
    const req = await approved(task);
    f.clock.now += APPROVAL_TTL_MS;
    expect((await getRequest(f.deps, ada, req.id)).state).toBe("expired");
    const err = await refusal(execute(f, ada, req.id));
    expect([err.code, err.extra?.reason]).toEqual(["approval_not_executable", "approval_expired"]);
    const pending = await createRequest(f.deps, ada, task, REQUEST);
    f.clock.now += APPROVAL_TTL_MS + 1;
    expect((await refusal(decideRequest(f.deps, bob, pending.id, "approve", null))).code).toBe("approval_not_pending");
    expect((await listRequests(f.deps, ada, { state: "expired" })).map((r) => r.id)).toEqual(expect.arrayContaining([req.id, pending.id]));
  });

  it("executes exactly what was approved, once: the secret retyped matches; a used approval is 409", async () => {
    const task = await approvalApp();
    const req = await approved(task);
    const calls = f.fake.startCalls;
    const out = await execute(f, ada, req.id, { params: [...REQUEST.params].reverse() });
    expect(out.kind).toBe("started");
    expect(f.fake.startCalls).toBe(calls + 1);
    const after = await getRequest(f.deps, ada, req.id);
    expect(after.state).toBe("executed");
    expect(after.executedRecordId).toBe(out.kind === "started" ? out.result.id : null);
    f.fake.finishAll();
    const used = await refusal(execute(f, bob, req.id));
    expect([used.code, used.extra?.reason]).toEqual(["approval_not_executable", "approval_used"]);
    const rows = await rowsOf(f, task);
    expect(rows.filter((r) => r.action === "start").map((r) => [r.phase, r.approval_id, r.reason])).toEqual([
      ["requested", req.id, "release 42"],
      ["started", req.id, "release 42"],
    ]);
  });

  it("any change is 409 approval_mismatch naming the rows (never a secret's value), with a denied row and no upstream call", async () => {
    const task = await approvalApp();
    const req = await approved(task);
    const calls = f.fake.startCalls;
    const err = await refusal(
      execute(f, ada, req.id, {
        params: [
          { key: "image_tag", value: "v2", type: "text" },
          { key: "db_password", value: "wrong", type: "encrypt" },
        ],
        trigger_source: "0",
      }),
    );
    expect([err.status, err.code]).toEqual([409, "approval_mismatch"]);
    expect(err.extra?.differences).toEqual([
      { field: "param", key: "db_password", change: "value", approved: null, sent: null },
      { field: "param", key: "image_tag", change: "value", approved: "v1", sent: "v2" },
      { field: "trigger_source", key: null, change: "value", approved: null, sent: "0" },
    ]);
    expect(JSON.stringify(err.extra)).not.toContain("wrong");
    const kept = await refusal(execute(f, ada, req.id, { params: [REQUEST.params[0]!], keep_secrets: ["db_password"] }));
    expect(kept.extra?.differences).toEqual([{ field: "param", key: "db_password", change: "value", approved: null, sent: null }]);
    expect(f.fake.startCalls).toBe(calls);
    expect((await getRequest(f.deps, ada, req.id)).state).toBe("approved");
    const denied = (await rowsOf(f, task)).filter((r) => r.action === "denied");
    expect(denied.map((r) => [r.error_code, r.approval_id, r.http_status])).toEqual([
      ["approval_mismatch", req.id, 409],
      ["approval_mismatch", req.id, 409],
    ]);
  });

  it("a kept secret approved as kept executes kept", async () => {
    const task = await approvalApp();
    const body = { params: [REQUEST.params[0]!], keep_secrets: ["db_password"], reason: "keep" };
    const req = await approved(task, body);
    expect((await execute(f, ada, req.id, { params: body.params, keep_secrets: ["db_password"] })).kind).toBe("started");
  });

  it("50 concurrent executions of one approval start one deployment", async () => {
    const task = await approvalApp();
    const req = await approved(task);
    const calls = f.fake.startCalls;
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => execute(f, i % 2 ? ada : bob, req.id)));
    expect(f.fake.startCalls - calls).toBe(1);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const codes = new Set(results.flatMap((r) => (r.status === "rejected" ? [(r.reason as ApiError).code] : [])));
    expect([...codes].every((c) => c === "approval_not_executable" || c === "deploy_in_progress")).toBe(true);
    expect((await getRequest(f.deps, ada, req.id)).state).toBe("executed");
    expect((await rowsOf(f, task)).filter((r) => r.phase === "started")).toHaveLength(1);
  });

  it("a definite upstream failure gives the approval back; in doubt it stays used", async () => {
    const task = await approvalApp();
    const req = await approved(task);
    f.fake.mode = { kind: "refuse", errorCode: "Deploy.00011042" };
    try {
      await refusal(execute(f, ada, req.id));
    } finally {
      f.fake.mode = { kind: "ok" };
    }
    expect((await getRequest(f.deps, ada, req.id)).state).toBe("approved");
    f.clock.now += 1_000;
    f.fake.mode = { kind: "lost_before_start" };
    try {
      expect((await refusal(execute(f, ada, req.id))).code).toBe("upstream_in_doubt");
    } finally {
      f.fake.mode = { kind: "ok" };
    }
    expect((await getRequest(f.deps, ada, req.id)).state).toBe("executing");
    expect((await refusal(execute(f, ada, req.id))).extra?.reason).toBe("approval_used");
  });

  it("the reconciler settles an in-doubt execution that reached the cloud: the approval is executed with the record", async () => {
    const task = await approvalApp();
    const req = await approved(task);
    f.fake.mode = { kind: "lost_after_start" };
    try {
      expect((await refusal(execute(f, ada, req.id))).code).toBe("upstream_in_doubt");
    } finally {
      f.fake.mode = { kind: "ok" };
    }
    expect((await getRequest(f.deps, ada, req.id)).state).toBe("executing");
    expect((await reconcileOnce(f.deps, { taskId: task })).started).toBe(1);
    const record = f.fake.records.find((r) => r.taskId === task);
    expect(await getRequest(f.deps, ada, req.id)).toMatchObject({ state: "executed", executedRecordId: record?.recordId });
    expect((await rowsOf(f, task)).filter((r) => r.phase === "started").map((r) => r.approval_id)).toEqual([req.id]);
  });

  it("the reconciler settles an in-doubt execution that never happened: the approval may be executed again", async () => {
    const task = await approvalApp();
    const req = await approved(task);
    f.fake.mode = { kind: "lost_before_start" };
    try {
      expect((await refusal(execute(f, ada, req.id))).code).toBe("upstream_in_doubt");
    } finally {
      f.fake.mode = { kind: "ok" };
    }
    f.clock.now += notStartedGraceMs(f.deps.timeoutMs) + 1_000;
    expect((await reconcileOnce(f.deps, { taskId: task })).notStarted).toBe(1);
    expect((await getRequest(f.deps, ada, req.id)).state).toBe("approved");
    const out = await execute(f, ada, req.id);
    expect(out.kind).toBe("started");
    expect(await getRequest(f.deps, ada, req.id)).toMatchObject({ state: "executed", executedRecordId: out.kind === "started" ? out.result.id : null });
  });

  it("a failed outcome transaction does not fail the started execution; the reconciler marks the approval executed", async () => {
    const task = await approvalApp();
    const req = await approved(task);
    await sql`ALTER TABLE user_task_params RENAME TO user_task_params_gone`.execute(f.t.db);
    let out;
    try {
      out = await execute(f, ada, req.id);
    } finally {
      await sql`ALTER TABLE user_task_params_gone RENAME TO user_task_params`.execute(f.t.db);
    }
    expect(out.kind).toBe("started");
    // The whole outcome was rolled back: the row is open and the approval still executing.
    expect((await rowsOf(f, task)).filter((r) => r.action === "start").map((r) => r.phase)).toEqual(["requested"]);
    expect((await getRequest(f.deps, ada, req.id)).state).toBe("executing");
    expect((await reconcileOnce(f.deps, { taskId: task })).started).toBe(1);
    expect(await getRequest(f.deps, ada, req.id)).toMatchObject({ state: "executed", executedRecordId: out.kind === "started" ? out.result.id : null });
  });

  it("a plain start of an app that needs an approval is 428 approval_required: a denied row, no upstream call", async () => {
    const task = await approvalApp();
    const calls = f.fake.startCalls;
    const err = await refusal(startDeployment(f.deps, input(task)));
    expect([err.status, err.code]).toEqual([428, "approval_required"]);
    expect(f.fake.startCalls).toBe(calls);
    expect((await rowsOf(f, task)).map((r) => [r.action, r.phase, r.error_code, r.http_status])).toEqual([["denied", "denied", "approval_required", 428]]);
    // An app without the setting starts as before.
    expect((await startDeployment(f.deps, input(newTaskId()))).kind).toBe("started");
  });

  it("the lock comes before the approval: a locked task refuses the execution with 423 and keeps the approval", async () => {
    const task = await approvalApp();
    const req = await approved(task);
    const { lockTask } = await import("./locks");
    await lockTask(f.deps, { actor: CAROL, client, taskId: task, body: { reason: "migration", minutes: 30 } });
    expect((await refusal(execute(f, ada, req.id))).code).toBe("task_locked");
    expect((await getRequest(f.deps, ada, req.id)).state).toBe("approved");
  });

  it("executing needs the deploy right on the app (403, a denied row)", async () => {
    const task = await approvalApp();
    const req = await approved(task);
    expect((await refusal(execute(f, viewerCarol, req.id))).status).toBe(403);
    expect((await rowsOf(f, task)).at(-1)).toMatchObject({ action: "denied", error_code: "forbidden", approval_id: req.id });
  });
});
