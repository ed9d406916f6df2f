import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ID_PATTERN,
  listAllAppResponseSchema,
  listHistoryResponseSchema,
  showAppDetailResponseSchema,
  showAppLogResponseSchema,
  showDeployStatusResponseSchema,
  showExecutionParamsResponseSchema,
  startDeployTaskResponseSchema,
  stopDeployTaskResponseSchema,
  wireErrorSchema,
} from "@/lib/codearts/schemas";
import { DEMO_CODEARTS_PROJECT_ID, DEMO_IAM_USER, SEED, createSimulator } from "./index";
import { call } from "./test-client";
import { DAY_MS, localDate } from "./time";

// The simulator's clock stands still and is advanced by hand, so runs progress exactly and without waiting
// (requests are still signed with the real time, which stays well inside the 15-minute window).
const STEP_MS = 1000;
let base = Date.now();
let advanced = 0;
const sim = createSimulator({ port: 0, stepMs: STEP_MS, now: () => base + advanced });
const advance = (ms: number) => void (advanced += ms);
const { orders, failing, inventory, favourite, userCenter } = SEED.apps;

beforeAll(() => sim.listen());
afterAll(() => sim.close());
beforeEach(() => {
  base = Date.now();
  advanced = 0;
  sim.reset(); // a fresh seed: no record of an earlier test is still running
});

async function start(taskId: string, body: unknown = { params: [] }) {
  const res = await call(sim.url, { method: "POST", path: `/v2/tasks/${taskId}/start`, body });
  expect(res.status, res.text).toBe(200);
  return startDeployTaskResponseSchema.parse(res.json);
}

async function state(taskId: string, recordId: string) {
  const res = await call(sim.url, { path: `/v2/tasks/${taskId}/state`, query: { record_id: recordId } });
  return showDeployStatusResponseSchema.parse(res.json).result;
}

async function recentHistory(taskId: string) {
  const now = base + advanced;
  const res = await call(sim.url, {
    path: `/v2/${DEMO_CODEARTS_PROJECT_ID}/task/${taskId}/history`,
    query: { page: 1, size: 50, start_date: localDate(now - 29 * DAY_MS), end_date: localDate(now) },
  });
  return listHistoryResponseSchema.parse(res.json).result;
}

async function log(appId: string, recordId: string, offset: number, endOffset: number, stepId?: string) {
  const res = await call(sim.url, {
    path: `/v1/applications/${appId}/records/${recordId}/logs`,
    query: { offset, end_offset: endOffset, ...(stepId ? { step_id: stepId } : {}) },
  });
  return showAppLogResponseSchema.parse(res.json).result;
}

async function components(appId: string) {
  const res = await call(sim.url, { path: `/v1/applications/${appId}/info` });
  return showAppDetailResponseSchema.parse(res.json).result.arrange_infos?.[0]?.app_component_list ?? [];
}

describe("a deployment run", () => {
  it("starts, shows as running everywhere, refuses a second start, then succeeds and makes components effective", async () => {
    const started = await start(orders.taskId, { params: [{ key: "image_tag", value: "v9.9.9", type: "text" }] });
    expect(started.id).toMatch(ID_PATTERN);
    expect(started.task_id).toBe(orders.taskId);
    expect(started.job_name).toMatch(/^[A-Za-z0-9_]+$/);
    expect(started.app_component_list?.length).toBeGreaterThan(0);
    expect(started.app_component_list?.every((c) => c.state === "0" && c.comp_id?.match(ID_PATTERN))).toBe(true);

    advance(1500);
    const running = await state(orders.taskId, started.id);
    expect(running).toMatchObject({ status: "running", step: "running", executor: DEMO_IAM_USER, record_id: started.id });
    expect(running.step_state?.map((s) => s.elapsed_time)).toEqual([1000, 500, 0, 0]);

    const again = await call(sim.url, { method: "POST", path: `/v2/tasks/${orders.taskId}/start`, body: { params: [] } });
    expect(again.status).toBe(400);
    expect(wireErrorSchema.parse(again.json).error_code).toBe("Deploy.00011027");

    const apps = await call(sim.url, {
      method: "POST",
      path: "/v1/applications/list",
      body: { project_id: DEMO_CODEARTS_PROJECT_ID, page: 1, size: 100, states: ["running"] },
    });
    expect(listAllAppResponseSchema.parse(apps.json).result.map((a) => a.id)).toEqual([orders.appId]);
    const [newest, previous] = await recentHistory(orders.taskId);
    expect(newest).toMatchObject({ execution_id: started.id, state: "running", operator: DEMO_IAM_USER, nickname: DEMO_IAM_USER });
    expect(Number(newest?.release_id)).toBe(Number(previous?.release_id) + 1);
    expect((await components(orders.appId)).every((c) => c.state === "0")).toBe(true);

    advance(2600);
    const done = await state(orders.taskId, started.id);
    expect(done).toMatchObject({ status: "succeeded", step: "finish" });
    expect(done.end_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(done.step_state?.every((s) => s.elapsed_time === STEP_MS && !s.faq_url)).toBe(true);
    expect((await components(orders.appId)).every((c) => c.state === "1")).toBe(true);
    expect((await recentHistory(orders.taskId))[0]).toMatchObject({ state: "succeeded", duration: "00:00:04" });

    const params = await call(sim.url, { path: `/v2/history/tasks/${orders.taskId}/params`, query: { record_id: started.id } });
    expect(showExecutionParamsResponseSchema.parse(params.json)).toContainEqual({ name: "image_tag", type: "text", value: "v9.9.9" });
    await start(orders.taskId); // allowed again once finished
  });

  it("fails the failing app at its fixed step with a faq_url and an error line in the log", async () => {
    const started = await start(failing.taskId);
    advance(10_000);
    const result = await state(failing.taskId, started.id);
    expect(result.status).toBe("failed");
    const failed = result.step_state?.filter((s) => s.faq_url) ?? [];
    expect(failed).toHaveLength(1);
    expect(failed[0]?.name).toBe("Health Test via URLs");
    const text = (await log(failing.appId, started.id, 0, 1_000_000)).text ?? "";
    expect(text).toMatch(/\[ERROR\] Health Test via URLs failed: .*HTTP 503/);
    expect(text.trimEnd().split("\n").at(-1)).toMatch(/Deployment failed/);
    expect((await recentHistory(failing.taskId))[0]?.state).toBe("failed");
    expect((await components(failing.appId)).every((c) => c.state === "0")).toBe(true);
  });

  it("stops a running record: it ends abort, a second stop is a harmless 200", async () => {
    const started = await start(inventory.taskId);
    advance(1500);
    const stop = () => call(sim.url, { method: "PUT", path: `/v2/tasks/${inventory.taskId}/records/${started.id}/stop` });
    const first = await stop();
    expect(stopDeployTaskResponseSchema.parse(first.json)).toEqual({
      status: "success",
      result: { id: started.id, task_id: inventory.taskId },
    });
    advance(5000);
    const result = await state(inventory.taskId, started.id);
    expect(result).toMatchObject({ status: "abort", step: "finish" });
    expect(result.step_state?.map((s) => s.elapsed_time)).toEqual([1000, 500, 0, 0]);
    expect((await stop()).status).toBe(200);
    expect((await recentHistory(inventory.taskId))[0]?.state).toBe("abort");
    const text = (await log(inventory.appId, started.id, 0, 1_000_000)).text ?? "";
    expect(text.trimEnd().split("\n").at(-1)).toMatch(/\[WARN\] Deployment stopped by deployer/);
    const unknown = await call(sim.url, { method: "PUT", path: `/v2/tasks/${inventory.taskId}/records/${"e".repeat(32)}/stop` });
    expect(wireErrorSchema.parse(unknown.json).error_code).toBe("Deploy.00011303");
  });
});

describe("ShowAppLog", () => {
  it("pages with offset/end_offset and has_more while the log grows", async () => {
    const started = await start(orders.taskId);
    advance(1200);
    const first = await log(orders.appId, started.id, 0, 100);
    expect(first).toMatchObject({ has_more: true, offset: "0", end_offset: "100" });
    expect(first.text).toHaveLength(100);

    let offset = 100;
    let text = first.text ?? "";
    for (;;) {
      const page = await log(orders.appId, started.id, offset, offset + 150);
      text += page.text ?? "";
      offset = Number(page.end_offset);
      if (!page.has_more) break;
    }
    const whole = await log(orders.appId, started.id, 0, 1_000_000);
    expect(text).toBe(whole.text);
    expect(whole.has_more).toBe(false);
    expect(whole.end_offset).toBe(String(text.length));
    expect(text).toContain("Step 2/4: Stop Service");
    expect(text).not.toContain("Step 3/4");

    advance(3000);
    const grown = await log(orders.appId, started.id, offset, offset + 1_000_000);
    expect(grown.text).toContain("Step 3/4: Start Service");
    expect(grown.text).toContain("DB_PASSWORD=******");
    expect(grown.text?.trimEnd().split("\n").at(-1)).toMatch(/Deployment succeeded/);
    expect((await log(orders.appId, started.id, Number(grown.end_offset), Number(grown.end_offset) + 10)).text).toBe("");

    const detail = await call(sim.url, { path: `/v1/applications/${orders.appId}/info` });
    const step2 = showAppDetailResponseSchema.parse(detail.json).result.arrange_infos?.[0]?.steps?.step2;
    const stepLog = await log(orders.appId, started.id, 0, 1_000_000, String(step2?.id));
    expect(
      stepLog.text
        ?.trimEnd()
        .split("\n")
        .every((l) => /Stop Service|systemctl|stopped/.test(l)),
    ).toBe(true);

    const bad = await call(sim.url, { path: `/v1/applications/${orders.appId}/records/${started.id}/logs`, query: { offset: "x", end_offset: 5 } });
    expect(wireErrorSchema.parse(bad.json).error_code).toBe("DEV.CH.10001");
  });
});

describe("rollback and ids", () => {
  it("reuses the parameters of the chosen record, passed params override by key", async () => {
    const history = await recentHistory(favourite.taskId);
    const target = history.find((r) => r.state === "succeeded");
    const oldParams = await call(sim.url, { path: `/v2/history/tasks/${favourite.taskId}/params`, query: { record_id: target?.execution_id ?? "" } });
    const old = showExecutionParamsResponseSchema.parse(oldParams.json);
    const level = old.find((p) => p.name === "log_level")?.value === "debug" ? "warn" : "debug";

    const started = await start(favourite.taskId, {
      record_id: target?.execution_id,
      params: [{ key: "log_level", value: level, type: "enum" }],
    });
    const fresh = await call(sim.url, { path: `/v2/history/tasks/${favourite.taskId}/params`, query: { record_id: started.id } });
    const expected = old.map((p) => (p.name === "log_level" ? { ...p, value: level } : p));
    expect(showExecutionParamsResponseSchema.parse(fresh.json)).toEqual(expected);
    expect((await recentHistory(favourite.taskId))[0]).toMatchObject({ execution_id: started.id, type: "rollback" });
  });

  it("hands out distinct record ids and increasing release ids", async () => {
    const ids = new Set<string>();
    let lastRelease = 0;
    for (let i = 0; i < 5; i++) {
      const started = await start(userCenter.taskId);
      ids.add(started.id);
      advance(10_000);
      const release = Number((await recentHistory(userCenter.taskId))[0]?.release_id);
      expect(release).toBeGreaterThan(lastRelease);
      lastRelease = release;
    }
    expect(ids.size).toBe(5);
  });
});

describe("real time", () => {
  it("progresses to succeeded on its own with a small stepMs", async () => {
    const fast = createSimulator({ port: 0, stepMs: 150 });
    await fast.listen();
    try {
      const res = await call(fast.url, { method: "POST", path: `/v2/tasks/${userCenter.taskId}/start`, body: {} });
      const { id } = startDeployTaskResponseSchema.parse(res.json);
      const seen = new Set<string>();
      const deadline = Date.now() + 10_000;
      let status = "";
      while (Date.now() < deadline && status !== "succeeded") {
        const polled = await call(fast.url, { path: `/v2/tasks/${userCenter.taskId}/state`, query: { record_id: id } });
        status = showDeployStatusResponseSchema.parse(polled.json).result.status ?? "";
        seen.add(status);
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(seen).toEqual(new Set(["running", "succeeded"]));
    } finally {
      await fast.close();
    }
  });
});
