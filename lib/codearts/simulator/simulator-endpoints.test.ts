import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ID_PATTERN,
  LOCAL_TIME_PATTERN,
  listAllAppResponseSchema,
  listDeployTasksResponseSchema,
  listHistoryResponseSchema,
  showAppDetailResponseSchema,
  showDeployStatusResponseSchema,
  showDeployTaskDetailResponseSchema,
  showExecutionParamsResponseSchema,
  showTaskTriggerResponseSchema,
  wireErrorSchema,
} from "@/lib/codearts/schemas";
import { DEMO_CODEARTS_PROJECT_ID, DEMO_IAM_PROJECT_ID, SEED, createSimulator } from "./index";
import { call } from "./test-client";
import { DAY_MS, localDate } from "./time";

const sim = createSimulator({ port: 0 });
const P = DEMO_CODEARTS_PROJECT_ID;
const { orders, draft, pipelineOnly, failing, disabled, favourite } = SEED.apps;

beforeAll(() => sim.listen());
afterAll(() => sim.close());

const listApps = (body: Record<string, unknown>) =>
  call(sim.url, { method: "POST", path: "/v1/applications/list", body: { project_id: P, page: 1, size: 100, ...body } });

async function history(taskId: string, fromDaysAgo: number, toDaysAgo: number, page = 1, size = 100) {
  const now = Date.now();
  return call(sim.url, {
    path: `/v2/${P}/task/${taskId}/history`,
    query: { page, size, start_date: localDate(now - fromDaysAgo * DAY_MS), end_date: localDate(now - toDaysAgo * DAY_MS) },
  });
}

/** Every record of a task over the 92-day retention, newest first, via ≤ 30-day windows. */
async function allRecords(taskId: string) {
  const out = [];
  for (const [from, to] of [
    [29, 0],
    [59, 30],
    [89, 60],
    [92, 90],
  ] as const) {
    out.push(...listHistoryResponseSchema.parse((await history(taskId, from, to)).json).result);
  }
  return out;
}

function expectServiceError(res: { status: number; json: unknown }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(wireErrorSchema.parse(res.json).error_code).toBe(code);
}

describe("ListAllApp", () => {
  it("lists the seed with a bare { total_num, result } and the flagged apps", async () => {
    const body = listAllAppResponseSchema.parse((await listApps({})).json);
    expect(body.total_num).toBeGreaterThanOrEqual(12);
    const byId = new Map(body.result.map((a) => [a.id, a]));
    expect(byId.get(favourite.appId)?.is_care).toBe(true);
    expect(byId.get(disabled.appId)?.is_disable).toBe(true);
    expect(byId.get(draft.appId)).toMatchObject({ execution_state: "not_executed", arrange_infos: [{ id: draft.taskId, state: "Draft" }] });
    expect(body.result.map((a) => a.name)).toEqual(expect.arrayContaining(["订单服务", "支付网关", "库存同步"]));
    for (const app of body.result) {
      expect(app.id).toMatch(ID_PATTERN);
      expect(app.arrange_infos).toHaveLength(1);
      if (app.execution_time) expect(app.execution_time).toMatch(LOCAL_TIME_PATTERN);
    }
  });

  it("pages, sorts and filters on the last execution state", async () => {
    const all = listAllAppResponseSchema.parse((await listApps({ sort_name: "name", sort_by: "ASC" })).json).result;
    const names = all.map((a) => a.name);
    expect(names).toEqual([...names].sort());
    const page2 = listAllAppResponseSchema.parse((await listApps({ sort_name: "name", sort_by: "ASC", page: 2, size: 5 })).json);
    expect(page2.result.map((a) => a.id)).toEqual(all.slice(5, 10).map((a) => a.id));
    expect(page2.total_num).toBe(all.length);

    const failed = listAllAppResponseSchema.parse((await listApps({ states: ["failed"] })).json).result;
    expect(failed.map((a) => a.id)).toContain(failing.appId);
    expect(failed.every((a) => a.execution_state === "failed")).toBe(true);
  });

  it("refuses another CodeArts project, an invalid body and a name filter", async () => {
    expectServiceError(await listApps({ project_id: DEMO_IAM_PROJECT_ID }), 403, "Deploy.00011154");
    expectServiceError(await listApps({ size: 0 }), 400, "DEV.CH.10001");
    expectServiceError(await listApps({ name: "订单" }), 400, "DEV.CH.10001");
  });
});

describe("ShowAppDetailById", () => {
  it("answers { status, result } with the task, its steps and the .0 time quirk", async () => {
    const res = await call(sim.url, { path: `/v1/applications/${orders.appId}/info` });
    const { status, result } = showAppDetailResponseSchema.parse(res.json);
    expect(status).toBe("success");
    expect(result.name).toBe("订单服务");
    expect(result.create_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.0$/);
    const task = result.arrange_infos?.[0];
    expect(task?.id).toBe(orders.taskId);
    expect(task?.is_defaut_permission).toBe(true);
    expect(Object.keys(task?.steps ?? {})).toEqual(["step1", "step2", "step3", "step4"]);
    expect(JSON.stringify(task?.steps)).toContain("${service_port}");
    expect(task?.app_component_list?.length).toBeGreaterThan(0);
  });

  it("answers an unknown app with HTTP 200 and Deploy.00011021 in the body; a bad id with 400", async () => {
    expectServiceError(await call(sim.url, { path: `/v1/applications/${"a".repeat(32)}/info` }), 200, "Deploy.00011021");
    expectServiceError(await call(sim.url, { path: "/v1/applications/not-an-id/info" }), 400, "DEV.CH.10001");
  });
});

describe("v2 task APIs", () => {
  it("ListDeployTasks answers bare TaskInfo with Available/Draft states", async () => {
    const res = await call(sim.url, { path: `/v2/${P}/tasks/list`, query: { page: 1, size: 100 } });
    const body = listDeployTasksResponseSchema.parse(res.json);
    expect(new Set(body.result.map((t) => t.state))).toEqual(new Set(["Available", "Draft"]));
    expect(body.result.find((t) => t.id === failing.taskId)?.execution_state).toBe("failed");
    expectServiceError(await call(sim.url, { path: `/v2/${P}/tasks/list`, query: { page: 1 } }), 400, "DEV.CH.10001");
  });

  it("ShowDeployTaskDetail answers a bare TaskInfo, 404 Deploy.00011020 for an unknown task", async () => {
    const detail = showDeployTaskDetailResponseSchema.parse((await call(sim.url, { path: `/v2/tasks/${orders.taskId}` })).json);
    expect(detail).toMatchObject({ id: orders.taskId, task_id: orders.taskId, app_id: orders.appId, state: "Available" });
    expect(detail.steps?.step1).toMatchObject({ name: expect.any(String), enable: true });
    expectServiceError(await call(sim.url, { path: `/v2/tasks/${"b".repeat(32)}` }), 404, "Deploy.00011020");
  });

  it("ShowTaskTrigger answers trigger_source as a number", async () => {
    const normal = await call<Record<string, unknown>>(sim.url, { path: "/v2/task/trigger/detail", query: { task_id: orders.taskId } });
    expect(normal.json).toEqual({ trigger_source: 0, artifact_source_system: "Artifact", artifact_type: "generic" });
    const pipeline = await call(sim.url, { path: "/v2/task/trigger/detail", query: { task_id: pipelineOnly.taskId } });
    expect(showTaskTriggerResponseSchema.parse(pipeline.json)).toMatchObject({ artifact_type: "docker" });
    expect((pipeline.json as { trigger_source: unknown }).trigger_source).toBe(1);
  });
});

describe("history and record APIs", () => {
  it("lists records newest first within ≤ 30-day windows over 92 days, with increasing release ids", async () => {
    const records = await allRecords(orders.taskId);
    expect(records.length).toBeGreaterThanOrEqual(10);
    expect(records.length).toBeLessThanOrEqual(40);
    const releases = records.map((r) => Number(r.release_id));
    expect(releases).toEqual([...releases].sort((a, b) => b - a));
    expect(records.map((r) => r.state)).toEqual(expect.arrayContaining(["succeeded", "failed"]));
    for (const r of records) {
      expect(r.execution_id).toMatch(ID_PATTERN);
      expect(r.duration).toMatch(/^\d{2}:\d{2}:\d{2}$/);
      expect(r.start_time).toMatch(LOCAL_TIME_PATTERN);
    }
    const firstWindow = listHistoryResponseSchema.parse((await history(orders.taskId, 29, 0, 2, 3)).json);
    expect(firstWindow.result).toHaveLength(Math.min(3, Math.max(0, Number(firstWindow.total_num) - 3)));
    const nothing = listHistoryResponseSchema.parse((await history(orders.taskId, 125, 95)).json);
    expect(nothing).toEqual({ result: [], total_num: 0 });
  });

  it.each([
    ["a 31-day span", { start_date: "2024-01-01", end_date: "2024-02-01" }],
    ["end before start", { start_date: "2024-02-01", end_date: "2024-01-31" }],
    ["a missing date", { start_date: "2024-02-01" }],
    ["a bad date", { start_date: "2024-02-30", end_date: "2024-03-01" }],
  ])("refuses %s with 400 DEV.CH.10001", async (_what, dates) => {
    const res = await call(sim.url, { path: `/v2/${P}/task/${orders.taskId}/history`, query: { page: 1, size: 10, ...dates } });
    expectServiceError(res, 400, "DEV.CH.10001");
  });

  it("ShowExecutionParams answers a bare array with name/type/value and the doc's quirks", async () => {
    const records = await allRecords(orders.taskId);
    const seen = new Map<string, Set<unknown>>();
    const types = new Set<string>();
    for (const r of records) {
      const res = await call(sim.url, { path: `/v2/history/tasks/${orders.taskId}/params`, query: { record_id: r.execution_id } });
      const params = showExecutionParamsResponseSchema.parse(res.json);
      expect(Array.isArray(res.json)).toBe(true);
      for (const raw of res.json as Array<{ name: string; type: string; value: unknown }>) {
        expect(raw).not.toHaveProperty("key");
        types.add(raw.type);
        if (raw.type === "encrypt") expect(raw.value).toBe("");
        if (raw.name === "service_port") expect(typeof raw.value).toBe("number");
        if (raw.type === "host_group") expect(raw.value).toMatch(/^[0-9a-f]{32}$/);
        seen.set(raw.name, (seen.get(raw.name) ?? new Set()).add(raw.value));
      }
      expect(params.length).toBeGreaterThan(0);
    }
    expect(types).toEqual(new Set(["text", "enum", "host_group", "encrypt"]));
    expect(seen.get("log_level")).toEqual(new Set(["debug", "info", "warn"]));
    expect(seen.get("image_tag")?.size).toBeGreaterThan(3);
    const unknown = await call(sim.url, { path: `/v2/history/tasks/${orders.taskId}/params`, query: { record_id: "c".repeat(32) } });
    expectServiceError(unknown, 400, "Deploy.00011303");
  });

  it("ShowDeployStatus answers the latest record when record_id is omitted; step_state=false drops steps", async () => {
    const [latest] = await allRecords(failing.taskId);
    const res = await call(sim.url, { path: `/v2/tasks/${failing.taskId}/state` });
    const { status, result } = showDeployStatusResponseSchema.parse(res.json);
    expect(status).toBe("success");
    expect(result).toMatchObject({ record_id: latest?.execution_id, status: "failed", step: "finish" });
    const failedStep = result.step_state?.find((s) => s.faq_url);
    expect(failedStep?.faq_url).toMatch(/^https:\/\//);
    const bare = await call(sim.url, { path: `/v2/tasks/${failing.taskId}/state`, query: { step_state: "false" } });
    expect(showDeployStatusResponseSchema.parse(bare.json).result.step_state).toBeUndefined();
    const none = await call(sim.url, { path: `/v2/tasks/${draft.taskId}/state` });
    expectServiceError(none, 400, "Deploy.00011303");
  });
});

describe("StartDeployTask refusals", () => {
  const start = (taskId: string, body: unknown = { params: [] }) => call(sim.url, { method: "POST", path: `/v2/tasks/${taskId}/start`, body });

  it("refuses a draft app with 400 Deploy.00011042", async () => {
    expectServiceError(await start(draft.taskId), 400, "Deploy.00011042");
  });

  it("refuses a pipeline-only task with 400 Deploy.00016004 naming the pipeline", async () => {
    const res = await start(pipelineOnly.taskId);
    expectServiceError(res, 400, "Deploy.00016004");
    expect(wireErrorSchema.parse(res.json).error_msg).toMatch(/pipeline/i);
  });

  it("refuses a disabled app with 403 Deploy.00011154", async () => {
    expectServiceError(await start(disabled.taskId), 403, "Deploy.00011154");
  });

  it("refuses an unknown task with 404 Deploy.00011020 and a bad id with DEV.CH.10001", async () => {
    expectServiceError(await start("d".repeat(32)), 404, "Deploy.00011020");
    expectServiceError(await start("BAD"), 400, "DEV.CH.10001");
  });

  it("refuses a record_id of another task with 400 Deploy.00011303", async () => {
    const [other] = await allRecords(favourite.taskId);
    expectServiceError(await start(orders.taskId, { record_id: other?.execution_id }), 400, "Deploy.00011303");
  });

  it.each([
    ["a template opener in a value", { params: [{ key: "image_tag", value: "{{ evil }}", type: "text" }] }],
    ["a missing type", { params: [{ key: "image_tag", value: "v1" }] }],
    ["an invalid key", { params: [{ key: "bad key", value: "v1", type: "text" }] }],
    ["a numeric trigger_source", { trigger_source: 1 }],
  ])("refuses %s with 400 DEV.CH.10001 Param invalid", async (_what, body) => {
    const res = await start(orders.taskId, body);
    expectServiceError(res, 400, "DEV.CH.10001");
    expect(wireErrorSchema.parse(res.json).error_msg).toMatch(/^Param invalid: /);
  });
});
