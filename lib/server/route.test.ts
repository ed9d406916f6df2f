/**
 * The route wrapper on its own: the order of its checks, one mapping of every error to the answer, and the
 * `onRefusal` hook — called for each refusal the wrapper gives, never for an error the handler throws. Its
 * collaborators that need a running console (start-up, the session cookie, the environment) are replaced; the
 * database is a real migrated SQLite.
 */
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { taskParamsSchema } from "../schemas/tasks";
import { migrateToLatest } from "./db/migrate";
import { openTestDb, type TestDb } from "./db/testing";
import { ApiError } from "./errors";
import type { Principal } from "./permissions";
import type { Refusal } from "./route";

const state = vi.hoisted(() => {
  const s: { db: unknown; users: Map<string, unknown> } = { db: null, users: new Map() };
  return s;
});
vi.mock("./startup", () => ({ ready: async () => undefined }));
vi.mock("./env", () => ({ env: () => ({ mode: "production", auth: { url: "http://console.test" } }) }));
vi.mock("./db", () => ({ db: () => state.db }));
vi.mock("./auth/session", () => ({ principalOf: async (req: NextRequest) => state.users.get(req.headers.get("x-test-user") ?? "") ?? null }));

const { route } = await import("./route");

const TASK = "a".repeat(32);
const viewer: Principal = {
  id: "11111111-1111-4111-8111-111111111111",
  email: "vera@example.com",
  name: "Vera",
  role: null,
  provider: "credentials",
  grants: [{ teamId: "t1", teamName: "ops", appId: "app-1", taskId: TASK, appName: "shop", role: "viewer" }],
};
const deployer: Principal = {
  ...viewer,
  id: "22222222-2222-4222-8222-222222222222",
  email: "dan@example.com",
  grants: [{ ...viewer.grants[0]!, role: "deployer" }],
};

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb("sqlite");
  await migrateToLatest(t.db);
  state.db = t.db;
  state.users.set("viewer", viewer);
  state.users.set("deployer", deployer);
});
afterAll(async () => {
  await t.close();
});

const refusals: Refusal[] = [];
let handlerCalls = 0;
beforeEach(() => {
  refusals.length = 0;
  handlerCalls = 0;
});

const POST = route(
  {
    permission: "deploy",
    params: taskParamsSchema,
    body: z.object({ n: z.number() }).strict(),
    response: z.object({ ok: z.boolean(), n: z.number() }),
    onRefusal: async (r) => void refusals.push(r),
  },
  async ({ body, task }) => {
    handlerCalls++;
    if (body.n < 0) throw new ApiError("conflict", "the handler refuses negative numbers");
    if (body.n === 0) throw new Error("internal detail xyz-42 for the log only");
    expect(task?.access).toMatchObject({ role: "deployer", canDeploy: true, protected: false });
    return { ok: true, n: body.n };
  },
);

function call(o: { user?: string; taskId?: string; body?: string; origin?: string; type?: string }) {
  const headers = new Headers({ "content-type": o.type ?? "application/json" });
  if (o.user) headers.set("x-test-user", o.user);
  if (o.origin) headers.set("origin", o.origin);
  const req = new NextRequest(`http://console.test/api/tasks/${o.taskId ?? TASK}/start`, { method: "POST", headers, body: o.body ?? '{"n":1}' });
  return POST(req, { params: Promise.resolve({ taskId: o.taskId ?? TASK }) });
}

const answer = async (res: Response) => ({ status: res.status, code: ((await res.json()) as { error?: { code: string } }).error?.code ?? "ok" });

describe("route wrapper", () => {
  it("runs its checks in order: origin, session, path parameters, permission, body — each refusal stops the rest", async () => {
    // Every request below is wrong in all the later ways too; the first check that applies answers.
    expect(await answer(await call({ origin: "https://evil.example", taskId: "not-an-id", body: "{" }))).toEqual({ status: 403, code: "cross_site" });
    expect(await answer(await call({ taskId: "not-an-id", body: "{" }))).toEqual({ status: 401, code: "unauthenticated" });
    expect(await answer(await call({ user: "viewer", taskId: "not-an-id", body: "{" }))).toEqual({ status: 400, code: "invalid_id" });
    expect(await answer(await call({ user: "viewer", body: "{" }))).toEqual({ status: 403, code: "forbidden" });
    expect(await answer(await call({ user: "deployer", body: "{" }))).toEqual({ status: 400, code: "invalid_json" });
    expect(await answer(await call({ user: "deployer", type: "text/plain" }))).toEqual({ status: 415, code: "unsupported_media_type" });
    expect(await answer(await call({ user: "deployer", body: '{"n":"x"}' }))).toEqual({ status: 400, code: "validation_failed" });
    expect(handlerCalls).toBe(0);
    expect(await answer(await call({ user: "deployer" }))).toEqual({ status: 200, code: "ok" });
    expect(handlerCalls).toBe(1);
  });

  it("calls onRefusal once for each refusal it gives itself, with the error and what it knew", async () => {
    await call({ taskId: "not-an-id" });
    await call({ user: "viewer" });
    await call({ user: "deployer", body: "{" });
    expect(refusals.map((r) => [r.error.code, r.error.status, r.user?.email ?? null, r.rawParams?.taskId])).toEqual([
      ["unauthenticated", 401, null, "not-an-id"],
      ["forbidden", 403, viewer.email, TASK],
      ["invalid_json", 400, deployer.email, TASK],
    ]);
    expect(refusals.every((r) => r.requestId.length > 0)).toBe(true);
  });

  it("never calls onRefusal for an error the handler throws, and maps that error once", async () => {
    const refusedByHandler = await call({ user: "deployer", body: '{"n":-1}' });
    expect(refusedByHandler.status).toBe(409);
    expect(await refusedByHandler.json()).toEqual({ error: { code: "conflict", message: "the handler refuses negative numbers" } });
    const crashed = await call({ user: "deployer", body: '{"n":0}' });
    expect(crashed.status).toBe(500);
    const body = await crashed.text();
    expect(body).toContain("internal_error");
    expect(body).not.toContain("xyz-42");
    expect(refusals).toHaveLength(0);
    expect(handlerCalls).toBe(2);
  });

  it("answers with the request id and no caching, on success and on refusal", async () => {
    for (const res of [await call({ user: "deployer" }), await call({})]) {
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
  });
});
