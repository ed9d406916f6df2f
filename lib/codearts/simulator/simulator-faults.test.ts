import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { listAllAppResponseSchema, startDeployTaskResponseSchema } from "@/lib/codearts/schemas";
import { DEMO_CODEARTS_PROJECT_ID, SEED, createSimulator } from "./index";
import type { CallsSnapshot, FaultRule, StartCall } from "./index";
import { call } from "./test-client";

const ADMIN = "sim-admin-test-token";
const sim = createSimulator({ port: 0, adminToken: ADMIN, stepMs: 50 });
const listApps = { method: "POST", path: "/v1/applications/list", body: { project_id: DEMO_CODEARTS_PROJECT_ID, page: 1, size: 3 } } as const;
const LIST_PATH = "^/v1/applications/list$";

beforeAll(() => sim.listen());
afterAll(() => sim.close());
afterEach(() => admin("POST", "/__sim/reset"));

async function admin(method: string, path: string, body?: unknown, token = ADMIN) {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { "Content-Type": "application/json", ...(token ? { "X-Sim-Admin": token } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const addFaults = async (...rules: FaultRule[]) => expect((await admin("POST", "/__sim/faults", { rules })).status).toBe(200);

describe("admin API", () => {
  it("needs the X-Sim-Admin token; health needs nothing", async () => {
    expect((await admin("GET", "/__sim/calls", undefined, "")).status).toBe(401);
    expect((await admin("GET", "/__sim/calls", undefined, "wrong")).status).toBe(401);
    expect((await admin("GET", "/__sim/calls")).status).toBe(200);
    const health = await fetch(`${sim.url}/__sim/health`);
    expect(await health.json()).toEqual({ ok: true });
  });

  it("refuses an invalid rule", async () => {
    expect((await admin("POST", "/__sim/faults", { rules: [{ path: "(" }] })).status).toBe(400);
    expect((await admin("POST", "/__sim/faults", { rules: [{ bogus: true }] })).status).toBe(400);
  });

  it("counts authenticated calls per operation and lists start calls", async () => {
    await call(sim.url, listApps);
    await call(sim.url, listApps);
    await call(sim.url, { ...listApps, sk: "wrong" }); // refused by the gateway: not counted
    const ok = await call(sim.url, { method: "POST", path: `/v2/tasks/${SEED.apps.orders.taskId}/start`, body: { params: [] } });
    const refused = await call(sim.url, { method: "POST", path: `/v2/tasks/${SEED.apps.draft.taskId}/start`, body: {} });
    expect(refused.status).toBe(400);
    const calls = (await admin("GET", "/__sim/calls")).json as {
      counts: Record<string, number>;
      starts: StartCall[];
    };
    expect(calls.counts).toMatchObject({ ListAllApp: 2, StartDeployTask: 2 });
    expect(calls.starts).toEqual([
      expect.objectContaining({
        taskId: SEED.apps.orders.taskId,
        body: { params: [] },
        recordId: startDeployTaskResponseSchema.parse(ok.json).id,
        status: 200,
      }),
      expect.objectContaining({ taskId: SEED.apps.draft.taskId, body: {}, status: 400 }),
    ]);
    expect(calls.starts[1]).not.toHaveProperty("recordId");
    expect(sim.calls.counts.StartDeployTask).toBe(2);
  });

  it("reset restores the seed and clears calls and faults", async () => {
    const started = await call(sim.url, { method: "POST", path: `/v2/tasks/${SEED.apps.orders.taskId}/start`, body: {} });
    const { id } = startDeployTaskResponseSchema.parse(started.json);
    await addFaults({ path: "^/nothing$", status: 500 });
    expect((await admin("POST", "/__sim/reset")).status).toBe(200);
    const params = await call(sim.url, { path: `/v2/history/tasks/${SEED.apps.orders.taskId}/params`, query: { record_id: id } });
    expect((params.json as { error_code: string }).error_code).toBe("Deploy.00011303");
    expect((await admin("GET", "/__sim/faults")).json).toEqual({ rules: [] });
    expect((await admin("GET", "/__sim/calls")).json).toMatchObject({ counts: { ShowExecutionParams: 1 }, starts: [] });
  });
});

describe("fault rules", () => {
  it("adds latency, then answers normally", async () => {
    await addFaults({ path: LIST_PATH, latencyMs: 300, times: 1 });
    const t0 = Date.now();
    const res = await call(sim.url, listApps);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(listAllAppResponseSchema.parse(res.json).result).toHaveLength(3);
  });

  it("answers a status and body for the given number of times, matching the method", async () => {
    const body = { error_msg: "The throttling threshold has been reached", error_code: "APIGW.0308", request_id: "x" };
    await addFaults({ method: "POST", path: LIST_PATH, status: 429, body, times: 2 });
    expect(await call(sim.url, { path: `/v1/applications/${SEED.apps.orders.appId}/info` })).toMatchObject({ status: 200 });
    expect(await call(sim.url, listApps)).toMatchObject({ status: 429, json: body });
    expect(await call(sim.url, listApps)).toMatchObject({ status: 429 });
    expect(await call(sim.url, listApps)).toMatchObject({ status: 200 });
    expect(((await admin("GET", "/__sim/calls")).json.faulted as Record<string, number>).ListAllApp).toBe(2);
  });

  it("sends a string body verbatim", async () => {
    await addFaults({ path: LIST_PATH, status: 502, body: "<html>Bad Gateway</html>", contentType: "text/html" });
    const res = await call(sim.url, listApps);
    expect(res).toMatchObject({ status: 502, text: "<html>Bad Gateway</html>" });
    expect(res.headers.get("content-type")).toBe("text/html");
  });

  it("answers malformed JSON", async () => {
    await addFaults({ path: LIST_PATH, malformedJson: true });
    const res = await call(sim.url, listApps);
    expect(res.status).toBe(200);
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it("answers an error inside HTTP 200", async () => {
    await addFaults({ path: "/start$", errorIn200: true, body: { error_code: "Deploy.00011027", error_msg: "busy" } });
    const res = await call(sim.url, { method: "POST", path: `/v2/tasks/${SEED.apps.orders.taskId}/start`, body: {} });
    expect(res).toMatchObject({ status: 200, json: { error_code: "Deploy.00011027" } });
  });

  it("resets the connection", async () => {
    await addFaults({ path: LIST_PATH, reset: true, times: 1 });
    await expect(call(sim.url, listApps)).rejects.toThrow();
    expect((await call(sim.url, listApps)).status).toBe(200);
  });

  it("hangs until the client gives up, and keeps serving others", async () => {
    await addFaults({ path: LIST_PATH, hang: true, times: 1 });
    const t0 = Date.now();
    await expect(call(sim.url, { ...listApps, signal: AbortSignal.timeout(300) })).rejects.toThrow(/abort|timeout/i);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect((await call(sim.url, listApps)).status).toBe(200);
  });

  it("DELETE /__sim/faults clears the rules", async () => {
    await addFaults({ status: 500 });
    expect((await call(sim.url, listApps)).status).toBe(500);
    expect((await admin("DELETE", "/__sim/faults")).status).toBe(200);
    expect((await call(sim.url, listApps)).status).toBe(200);
  });
});

describe("presets, phases and the clock", () => {
  const start = () => call(sim.url, { method: "POST", path: `/v2/tasks/${SEED.apps.orders.taskId}/start`, body: {} });

  it.each([
    ["throttle", 429, "APIGW.0308"],
    ["token_expired", 401, "APIGW.0301"],
    ["clock_skew", 401, "APIGW.0303"],
    ["route_not_found", 404, "APIGW.0101"],
    ["gateway_timeout", 504, "APIGW.0201"],
    ["server_error", 500, "SIM.FAULT"],
  ] as const)("%s answers %i %s", async (preset, status, code) => {
    await addFaults({ path: LIST_PATH, preset, times: 1 });
    const res = await call(sim.url, listApps);
    expect(res.status).toBe(status);
    expect((res.json as { error_code: string }).error_code).toBe(code);
  });

  it("unavailable is a 503 without a body; bad_gateway an HTML page; headers are added", async () => {
    await addFaults(
      { path: LIST_PATH, preset: "unavailable", times: 1, headers: { "Retry-After": "2" } },
      { path: LIST_PATH, preset: "bad_gateway", times: 1 },
    );
    const empty = await call(sim.url, listApps);
    expect([empty.status, empty.text, empty.headers.get("retry-after")]).toEqual([503, "", "2"]);
    const html = await call(sim.url, listApps);
    expect([html.status, html.headers.get("content-type")]).toEqual([502, "text/html"]);
  });

  it("phase after: the start happens, then its answer is replaced", async () => {
    await addFaults({ path: "/start$", phase: "after", preset: "unavailable", times: 1 });
    expect((await start()).status).toBe(503);
    const calls = (await admin("GET", "/__sim/calls")).json as unknown as CallsSnapshot;
    expect(calls.starts).toEqual([expect.objectContaining({ status: 200, recordId: expect.any(String) })]);
    expect([calls.received.StartDeployTask, calls.counts.StartDeployTask, calls.faulted.StartDeployTask]).toEqual([1, 1, 1]);
    expect((await start()).status).toBe(400); // the record it created is running
  });

  it("counts what the gateway refused apart from what the service handled", async () => {
    await call(sim.url, { ...listApps, sk: "wrong" });
    await call(sim.url, listApps);
    const calls = (await admin("GET", "/__sim/calls")).json as unknown as CallsSnapshot;
    expect([calls.received.ListAllApp, calls.refused.ListAllApp, calls.counts.ListAllApp]).toEqual([2, 1, 1]);
  });

  it("moves its clock: a signature dated now is 16 minutes off, until reset", async () => {
    expect((await admin("POST", "/__sim/clock", { offsetMs: 16 * 60_000 })).json).toMatchObject({ offsetMs: 960_000 });
    expect((await call(sim.url, listApps)).status).toBe(401);
    expect((await admin("POST", "/__sim/clock", { offsetMs: "soon" })).status).toBe(400);
    await admin("POST", "/__sim/reset");
    expect((await admin("GET", "/__sim/clock")).json).toMatchObject({ offsetMs: 0 });
    expect((await call(sim.url, listApps)).status).toBe(200);
  });
  it("changes the step duration of records started afterwards, until reset", async () => {
    const { taskId } = SEED.apps.notify;
    const state = async () =>
      (await call(sim.url, { method: "GET", path: `/v2/tasks/${taskId}/state`, query: { step_state: true } })).json as { result: { status: string } };
    expect((await admin("POST", "/__sim/steps", { stepMs: 0 })).status).toBe(400);
    expect((await admin("POST", "/__sim/steps", { stepMs: 600_000 })).json).toEqual({ stepMs: 600_000 });
    expect((await call(sim.url, { method: "POST", path: `/v2/tasks/${taskId}/start`, body: {} })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300)); // six of the simulator's own 50 ms steps: the record still runs
    expect((await state()).result.status).toBe("running");
    await admin("POST", "/__sim/reset");
    expect((await admin("GET", "/__sim/steps")).json).toEqual({ stepMs: 50 });
  });
});

describe("without an admin token", () => {
  it("has no admin or fault API", async () => {
    const plain = createSimulator({ port: 0 });
    await plain.listen();
    try {
      for (const [method, path] of [
        ["POST", "/__sim/faults"],
        ["GET", "/__sim/calls"],
        ["POST", "/__sim/reset"],
      ] as const) {
        const res = await fetch(`${plain.url}${path}`, { method, headers: { "X-Sim-Admin": "" }, body: method === "POST" ? "{}" : undefined });
        expect(res.status).toBe(404);
        expect(((await res.json()) as { error_code: string }).error_code).toBe("APIGW.0101");
      }
      expect((await fetch(`${plain.url}/__sim/health`)).status).toBe(200);
    } finally {
      await plain.close();
    }
  });
});
