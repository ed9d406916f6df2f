/**
 * Contract: per endpoint, the simulator's answer (1) parses with the schema the client uses, (2) carries every
 * field the reference documents with the documented type, before and after parsing, and (3) the schema declares
 * every one of those fields. The reference's own response examples parse too.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  iamProjectsResponseSchema,
  iamTokenResponseSchema,
  listAllAppResponseSchema,
  listDeployTasksResponseSchema,
  listHistoryResponseSchema,
  showAppDetailResponseSchema,
  showAppLogResponseSchema,
  showDeployStatusResponseSchema,
  showDeployTaskDetailResponseSchema,
  showExecutionParamsResponseSchema,
  showTaskTriggerResponseSchema,
  startDeployTaskResponseSchema,
  stopDeployTaskResponseSchema,
  wireErrorSchema,
} from "./schemas";
import { taskStateOf } from "./reshape";
import { DEMO_CODEARTS_PROJECT_ID as P, DEMO_REGION, SEED, createSimulator } from "./simulator";
import { call, passwordTokenBody } from "./simulator/test-client";
import { DAY_MS, localDate } from "./simulator/time";
import { type FieldSpec, fieldProblems, undeclaredFields } from "./testing/contract";
import { ANSWERS, APP_EXECUTION_INFO, APP_EXECUTION_INFO_NEVER_RUN, ERRORS, TASK_INFO } from "./testing/wire-fields";

const sim = createSimulator({ port: 0, stepMs: 20 });
const { orders, draft, failing } = SEED.apps;
beforeAll(() => sim.listen());
afterAll(() => sim.close());
beforeEach(() => sim.reset());

/** The three checks of the contract for one answer. */
function expectContract(schema: z.ZodType, json: unknown, spec: FieldSpec) {
  const parsed = schema.safeParse(json);
  expect(parsed.error?.issues ?? []).toEqual([]);
  expect(fieldProblems(json, spec)).toEqual([]);
  expect(fieldProblems(parsed.data, spec)).toEqual([]);
  expect(undeclaredFields(schema, spec)).toEqual([]);
}

async function ok(opts: Parameters<typeof call>[1], status = 200) {
  const res = await call(sim.url, opts);
  expect(res.status, res.text.slice(0, 300)).toBe(status);
  return res.json;
}

const today = () => localDate(Date.now());
const latestRecord = async (taskId: string) => {
  const query = { page: 1, size: 1, start_date: localDate(Date.now() - 29 * DAY_MS), end_date: today() };
  const history = listHistoryResponseSchema.parse(await ok({ path: `/v2/${P}/task/${taskId}/history`, query }));
  const first = history.result[0];
  if (!first) throw new Error("no record");
  return first.execution_id;
};
const start = (taskId: string) => ok({ method: "POST", path: `/v2/tasks/${taskId}/start`, body: { params: [] } });

describe("contract per endpoint: simulator answer ⇄ client schema ⇄ reference fields", () => {
  it("ListAllApp — bare { total_num, result }; apps that never ran have null last-execution fields", async () => {
    const json = (await ok({ method: "POST", path: "/v1/applications/list", body: { project_id: P, page: 1, size: 100 } })) as {
      result: Array<{ id: string; execution_state: string }>;
    };
    const ran = { ...json, result: json.result.filter((a) => a.execution_state !== "not_executed") };
    expectContract(listAllAppResponseSchema, ran, ANSWERS.ListAllApp);
    const never = json.result.find((a) => a.id === draft.appId);
    expect(fieldProblems(never, APP_EXECUTION_INFO_NEVER_RUN)).toEqual([]);
    expect(
      fieldProblems(
        json.result.find((a) => a.id === orders.appId),
        APP_EXECUTION_INFO,
      ),
    ).toEqual([]);
  });

  it("ShowAppDetailById — { status, result } with TaskV2Info, is_defaut_permission and .0 times", async () => {
    expectContract(showAppDetailResponseSchema, await ok({ path: `/v1/applications/${orders.appId}/info` }), ANSWERS.ShowAppDetailById);
  });

  it("ListDeployTasks — bare { total_num, result } of TaskInfo, state Available/Draft", async () => {
    const json = (await ok({ path: `/v2/${P}/tasks/list`, query: { page: 1, size: 100 } })) as { result: Array<{ id: string }> };
    expectContract(listDeployTasksResponseSchema, { ...json, result: json.result.filter((t) => t.id !== draft.taskId) }, ANSWERS.ListDeployTasks);
    const neverRun = { ...TASK_INFO, release_id: "int|null", execution_time: "localTime|null", duration: "duration|null" } as const;
    const nulls = { executor_id: "id32|null", executor_nick_name: "string|null" } as const;
    expect(
      fieldProblems(
        json.result.find((t) => t.id === draft.taskId),
        { ...neverRun, ...nulls, execution_state: "runState" },
      ),
    ).toEqual([]);
  });

  it("ShowDeployTaskDetail — a bare TaskInfo", async () => {
    expectContract(showDeployTaskDetailResponseSchema, await ok({ path: `/v2/tasks/${orders.taskId}` }), ANSWERS.ShowDeployTaskDetail);
  });

  it("StartDeployTask — { id, task_id, job_name, app_component_list }", async () => {
    expectContract(startDeployTaskResponseSchema, await start(orders.taskId), ANSWERS.StartDeployTask);
  });

  it("ListDeployTaskHistoryByDate — bare { result, total_num } of ExecuteRecordV2Body", async () => {
    const query = { page: 1, size: 20, start_date: localDate(Date.now() - 29 * DAY_MS), end_date: today() };
    expectContract(listHistoryResponseSchema, await ok({ path: `/v2/${P}/task/${orders.taskId}/history`, query }), ANSWERS.ListDeployTaskHistoryByDate);
  });

  it("ShowExecutionParams — a bare array of { name, type, value } (name, not key; numbers unquoted)", async () => {
    const json = await ok({ path: `/v2/history/tasks/${orders.taskId}/params`, query: { record_id: await latestRecord(orders.taskId) } });
    expectContract(showExecutionParamsResponseSchema, json, ANSWERS.ShowExecutionParams);
    expect((json as Array<Record<string, unknown>>).some((p) => "key" in p)).toBe(false);
  });

  it("ShowDeployStatus — { status, result: StateInfo } with every StepInfo field", async () => {
    const query = { record_id: await latestRecord(failing.taskId), step_state: "true" };
    expectContract(showDeployStatusResponseSchema, await ok({ path: `/v2/tasks/${failing.taskId}/state`, query }), ANSWERS.ShowDeployStatus);
  });

  it("ShowAppLog — { status, result: { has_more, text, offset, end_offset } } with digit-string offsets", async () => {
    const path = `/v1/applications/${orders.appId}/records/${await latestRecord(orders.taskId)}/logs`;
    expectContract(showAppLogResponseSchema, await ok({ path, query: { offset: "0", end_offset: "100" } }), ANSWERS.ShowAppLog);
  });

  it("StopDeployTask — { status, result: { id, task_id } }", async () => {
    const { id } = startDeployTaskResponseSchema.parse(await start(orders.taskId));
    const json = await ok({ method: "PUT", path: `/v2/tasks/${orders.taskId}/records/${id}/stop` });
    expectContract(stopDeployTaskResponseSchema, json, ANSWERS.StopDeployTask);
  });

  it("ShowTaskTrigger — trigger_source a number although typed String", async () => {
    const json = await ok({ path: "/v2/task/trigger/detail", query: { task_id: orders.taskId } });
    expectContract(showTaskTriggerResponseSchema, json, ANSWERS.ShowTaskTrigger);
  });

  it("KeystoneCreateUserTokenByPassword — 201, X-Subject-Token, ISO times with microseconds", async () => {
    const res = await fetch(`${sim.url}/v3/auth/tokens`, { method: "POST", body: JSON.stringify(passwordTokenBody()) });
    expect([res.status, res.headers.get("x-subject-token")?.startsWith("MII")]).toEqual([201, true]);
    expectContract(iamTokenResponseSchema, await res.json(), ANSWERS.KeystoneCreateUserTokenByPassword);
  });

  it("KeystoneListProjects — { projects, links }", async () => {
    expectContract(iamProjectsResponseSchema, await ok({ path: "/v3/projects", query: { name: DEMO_REGION } }), ANSWERS.KeystoneListProjects);
  });

  it("errors — the service's, the gateway's with request_id, and the app detail's inside a 200", async () => {
    expectContract(wireErrorSchema, await ok({ method: "POST", path: `/v2/tasks/${draft.taskId}/start`, body: {} }, 400), ERRORS.service);
    const gateway = await fetch(`${sim.url}/v2/tasks/${orders.taskId}`);
    expect(gateway.status).toBe(401);
    expectContract(wireErrorSchema, await gateway.json(), ERRORS.gateway);
    expectContract(wireErrorSchema, await ok({ path: `/v1/applications/${"a".repeat(32)}/info` }, 200), ERRORS.service);
  });
});

describe("the contract checks themselves", () => {
  it("catch a missing field, a wrong type, an unexpected null, an empty list and a field the schema lacks", () => {
    const spec = { a: "int", b: "localTime", c: "string", d: ["id32"], e: { f: "boolean" } } as const;
    expect(fieldProblems({ b: "2024-01-01 00:00:00.0", c: null, d: [], e: { f: "yes" } }, spec)).toEqual([
      "a: missing",
      'b: "2024-01-01 00:00:00.0" is not localTime',
      "c: null, documented as string",
      "d: expected a non-empty array, got array",
      'e.f: "yes" is not boolean',
    ]);
    expect(undeclaredFields(showAppLogResponseSchema, { result: { has_more: "boolean", lines: "int" } })).toEqual(["result.lines: not declared"]);
    expect(undeclaredFields(listAllAppResponseSchema, { result: [{ arrange_infos: [{ steps: "object" }] }] })).toEqual([
      "result.[].arrange_infos.[].steps: not declared",
    ]);
  });
});

describe("the reference's own examples parse with the client's schemas", () => {
  it("ListDeployTasks' example: a run result in `state`, numbers as documented", () => {
    const body = {
      total_num: 1,
      result: [{ id: orders.taskId, name: "demo", state: "succeeded", execution_state: "succeeded", duration: "00:00:50", release_id: 61640, role_id: -1 }],
    };
    const task = listDeployTasksResponseSchema.parse(body).result[0];
    expect(taskStateOf(task?.state, task?.execution_state)).toEqual({ draft: false, lastRun: "succeeded" });
    expect(taskStateOf("failed", undefined)).toEqual({ draft: false, lastRun: "failed" });
    expect(taskStateOf("Draft", null)).toEqual({ draft: true, lastRun: null });
  });

  it("ShowDeployStatus' example (no steps), ShowExecutionParams' unquoted 8080, ShowTaskTrigger's number", () => {
    const state = {
      status: "success",
      result: {
        record_id: "2c82",
        task_id: "e700",
        nick_name: "n",
        status: "succeeded",
        step: "finish",
        start_time: "2025-07-09 11:36:28",
        end_time: "2025-07-09 11:36:43",
        executor: "x",
      },
    };
    expect(showDeployStatusResponseSchema.parse(state).result.step_state).toBeUndefined();
    const params = [
      { name: "service_port", type: "text", value: 8080 },
      { name: "pwd", type: "encrypt", value: "" },
    ];
    expect(showExecutionParamsResponseSchema.parse(params)[0]?.value).toBe("8080");
    expect(showTaskTriggerResponseSchema.parse({ trigger_source: 1, artifact_source_system: "Artifact", artifact_type: "generic" }).trigger_source).toBe("1");
    expect(listAllAppResponseSchema.parse({ total_num: "3", result: [] }).total_num).toBe(3);
  });
});
