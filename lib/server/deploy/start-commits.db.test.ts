/**
 * What one start costs the database, on both dialects: the statements it sends and the commits it makes (each
 * COMMIT, and each write sent outside a transaction — autocommit). A successful start commits twice: the
 * write-ahead before the cloud call (key, approval, marker, requested row) and the outcome after it. A refused one
 * commits its `denied` row at most and holds nothing (no key, no approval, no marker), also when it loses a race
 * inside the write-ahead; a replayed one commits nothing.
 */
import { randomUUID } from "node:crypto";
import type { LogEvent } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../db/testing";
import { requireApproval } from "../db/approval-apps";
import { ApiError } from "../errors";
import { findRequest } from "./approval-store";
import { type Caller, createRequest, decideRequest, executeRequest } from "./approvals";
import { ACTOR, OTHER, type Fixture, input, newTaskId, openFixture } from "./db-fixture";
import { readMarker } from "./in-flight";
import { lockTask } from "./locks";
import { START_CHECKS, type StartCheck, type StartInput, startDeployment } from "./start";

/** The statements a test database was sent since the last reset, and its commits. */
class CommitCounter {
  statements: string[] = [];
  commits = 0;
  private inTransaction = false;

  /** Kysely's query log; one start's statements run one after another, so "inside a transaction" is a plain flag. */
  readonly log = (e: LogEvent) => {
    if (e.level !== "query") return;
    const text = e.query.sql.trim().toLowerCase();
    this.statements.push(text);
    if (text === "begin" || text.startsWith("start transaction")) this.inTransaction = true;
    else if (text === "commit" || text === "rollback") {
      if (text === "commit") this.commits++;
      this.inTransaction = false;
    } else if (!this.inTransaction && /^(insert|update|delete)\b/.test(text)) this.commits++;
  };

  reset(): void {
    this.statements = [];
    this.commits = 0;
    this.inTransaction = false;
  }
}

const client = { address: "10.1.2.3", userAgent: "vitest", requestId: "req" };
const callerOf = (actor: Caller["actor"]): Caller => ({ actor, client, may: () => true, forbidden: async () => new ApiError("forbidden", "no right") });
const PARAMS = [{ key: "image_tag", value: "v1", type: "text" as const }];
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof ApiError ? `${e.code}${e.extra?.reason ? `/${String(e.extra.reason)}` : ""}` : String(e)),
  );

describe.each(DIALECTS)("commits of one start on %s", (dialect) => {
  const counter = new CommitCounter();
  let f: Fixture;
  beforeAll(async () => {
    f = await openFixture(dialect, counter.log);
  });
  afterAll(async () => {
    await f.t.close();
  });

  /** An approved request of an app that needs one; returns its id. */
  async function approvedRequest(taskId: string): Promise<string> {
    await requireApproval(f.t.db, { taskId, appId: "a".repeat(32), appName: `app-${taskId.slice(0, 8)}` }, "admin@example.com");
    const req = await createRequest(f.deps, callerOf(ACTOR), taskId, { params: PARAMS, reason: "release" });
    await decideRequest(f.deps, callerOf(OTHER), req.id, "approve", null);
    return req.id;
  }

  it.each([
    { key: false, approval: false },
    { key: true, approval: false },
    { key: false, approval: true },
    { key: true, approval: true },
  ])("a successful start commits twice (Idempotency-Key: $key, approval: $approval)", async ({ key, approval }) => {
    const taskId = newTaskId();
    const idempotencyKey = key ? `commits-${taskId}` : null;
    const approvalId = approval ? await approvedRequest(taskId) : null;
    counter.reset();
    const out = approvalId
      ? await executeRequest(f.deps, callerOf(ACTOR), {
          id: approvalId,
          body: { params: PARAMS },
          idempotencyKey,
          protection: async () => null,
          mayOverrideFreeze: false,
        })
      : await startDeployment(f.deps, input(taskId, { body: { params: PARAMS }, idempotencyKey }));
    expect(out.kind).toBe("started");
    expect(counter.commits).toBe(2);
    expect(counter.statements.filter((s) => s === "begin")).toHaveLength(2);
    // The request is read once (by the execution, not again by the start's approval check).
    expect(counter.statements.filter((s) => /^select\b.*\bfrom "approval_requests"/.test(s))).toHaveLength(approval ? 1 : 0);
  });

  /** Another start's marker on the task (as if it had been written by another process). */
  const foreignMarker = (f: Fixture, taskId: string) =>
    f.t.db
      .insertInto("deploy_inflight")
      .values({
        task_id: taskId,
        ledger_id: randomUUID(),
        state: "running",
        record_id: null,
        actor_id: OTHER.id,
        actor_name: OTHER.name,
        actor_email: OTHER.email,
        started_at: new Date(f.clock.now).toISOString(),
        checked_at: new Date(f.clock.now).toISOString(),
        lease_until: null,
        lease_owner: null,
      })
      .execute();

  /** A check after the built-in ones that does what a racing process would do between the checks and the write-ahead. */
  const racing = (name: string, race: (s: { input: StartInput }) => Promise<unknown>): StartCheck[] => [
    ...START_CHECKS,
    {
      name,
      async run(s) {
        await race(s);
        counter.reset(); // the other process's commit is not this start's
      },
    },
  ];

  type Refusal = {
    name: string;
    code: string;
    /** Commits of the refusal: its `denied` row, when the status is one the ledger keeps. */
    commits: number;
    setup?: (taskId: string, approvalId: string) => Promise<unknown>;
    over?: (taskId: string) => Partial<StartInput>;
    checks?: readonly StartCheck[];
    /** The request's state afterwards (the racing claim leaves the other execution's). */
    approvalAfter?: string;
  };

  it.each<Refusal>([
    {
      name: "task locked",
      code: "task_locked",
      commits: 1,
      setup: (taskId) => lockTask(f.deps, { actor: OTHER, client, taskId, body: { reason: "migration", minutes: 30 } }),
    },
    {
      name: "start differs from the approval",
      code: "approval_mismatch",
      commits: 1,
      over: () => ({ body: { params: [{ ...PARAMS[0]!, value: "v2" }], reason: "release" } }),
    },
    {
      name: "protected app not confirmed",
      code: "protected_confirmation_required",
      commits: 0,
      over: (taskId) => ({
        protection: { appId: "a".repeat(32), taskId, appName: "payments", createdBy: "admin@example.com", createdAt: "2026-01-01T00:00:00Z" },
      }),
    },
    { name: "task held by another start", code: "deploy_in_progress", commits: 1, setup: (taskId) => foreignMarker(f, taskId) },
    {
      name: "approval claimed by another execution after the checks",
      code: "approval_not_executable/approval_used",
      commits: 1,
      checks: racing("race", ({ input: i }) =>
        f.t.db
          .updateTable("approval_requests")
          .set({ state: "executing" })
          .where("id", "=", i.approval?.id ?? "")
          .execute(),
      ),
      approvalAfter: "executing",
    },
    {
      name: "task taken by another start after the checks",
      code: "deploy_in_progress",
      commits: 1,
      checks: racing("race", ({ input: i }) => foreignMarker(f, i.taskId)),
    },
  ])("a refused start claims nothing: $name", async (c) => {
    const taskId = newTaskId();
    const approvalId = await approvedRequest(taskId);
    await c.setup?.(taskId, approvalId);
    const key = `refused-${taskId}`;
    counter.reset();
    const calls = f.fake.startCalls;
    const approval = await findRequest(f.t.db, approvalId);
    const start = input(taskId, { body: { params: PARAMS, reason: "release" }, idempotencyKey: key, approval, ...c.over?.(taskId) });
    expect(await codeOf(startDeployment(f.deps, start, c.checks))).toBe(c.code);
    expect(counter.commits).toBe(c.commits);
    expect(f.fake.startCalls).toBe(calls);
    expect(await f.t.db.selectFrom("idempotency_keys").select("key").where("key", "=", key).executeTakeFirst()).toBeUndefined();
    const request = await f.t.db.selectFrom("approval_requests").select("state").where("id", "=", approvalId).executeTakeFirstOrThrow();
    expect(request.state).toBe(c.approvalAfter ?? "approved");
    // Nothing of this start was written: no requested row, and the marker (if any) is the other start's.
    expect(await f.t.db.selectFrom("ledger").select("id").where("task_id", "=", taskId).where("phase", "=", "requested").execute()).toEqual([]);
    expect((await readMarker(f.t.db, taskId))?.actor_id ?? null).not.toBe(ACTOR.id);
  });

  it("a duplicate replays the first answer and a reused key is 422, neither committing anything", async () => {
    const taskId = newTaskId();
    const key = `replay-${taskId}`;
    const first = await startDeployment(f.deps, input(taskId, { body: { params: PARAMS }, idempotencyKey: key }));
    counter.reset();
    const calls = f.fake.startCalls;
    expect(await startDeployment(f.deps, input(taskId, { body: { params: PARAMS }, idempotencyKey: key }))).toEqual({
      kind: "replay",
      status: 200,
      body: first.kind === "started" ? first.result : null,
    });
    expect(await codeOf(startDeployment(f.deps, input(newTaskId(), { body: { params: PARAMS }, idempotencyKey: key })))).toBe("idempotency_key_reused");
    expect(counter.commits).toBe(0);
    expect(f.fake.startCalls).toBe(calls);
  });
});
