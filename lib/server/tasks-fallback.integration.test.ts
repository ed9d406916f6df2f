/**
 * The retired v2 task APIs: with ListDeployTasks/ShowDeployTaskDetail answering the gateway's 404 APIGW.0101
 * (or 410), getTask/getRecord/getLogs work unchanged through ListAllApp + ShowAppDetailById, against the
 * simulator process with 230 apps (so the task → app walk spans pages).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { toErrorResponse } from "./errors";
import { CodeArtsClient } from "../codearts/client";
import { codeartsDeploy } from "../codearts/deploy";
import { CodeArtsError } from "../codearts/errors";
import { listAllAppResponseSchema } from "../codearts/schemas";
import { DEMO_AK, DEMO_CODEARTS_PROJECT_ID, DEMO_IAM_PROJECT_ID, DEMO_REGION, DEMO_SK } from "../codearts/demo";
import { SEED } from "../codearts/simulator/seed";
import { type SimulatorProcess, startSimulatorProcess } from "../codearts/testing/simulator-process";

let sim: SimulatorProcess;
beforeAll(async () => {
  sim = await startSimulatorProcess({ SIMULATOR_APPS: "230" });
});
afterAll(() => sim?.stop());
beforeEach(() => sim.reset());

const deployClient = () =>
  codeartsDeploy(
    new CodeArtsClient({
      endpoint: sim.url,
      iamEndpoint: sim.url,
      region: DEMO_REGION,
      codeartsProjectId: DEMO_CODEARTS_PROJECT_ID,
      iamProjectId: DEMO_IAM_PROJECT_ID,
      credentials: { kind: "aksk", ak: DEMO_AK, sk: DEMO_SK },
      timeoutMs: 2000,
      upstreamUtcOffsetMinutes: 480,
    }),
  );

const retireV2 = (status = 404) =>
  sim.faults(
    { method: "GET", path: "^/v2/tasks/[0-9a-z]{32}$", ...(status === 404 ? { preset: "route_not_found" } : { status, body: "" }) },
    { method: "GET", path: "/tasks/list$", preset: "route_not_found" },
  );
const received = async (op: string) => (await sim.calls()).received[op] ?? 0;
const { orders, draft } = SEED.apps;

describe("when ShowDeployTaskDetail is retired", () => {
  it("getTask answers exactly as before, and asks the retired API only once", async () => {
    const before = await deployClient().getTask({ taskId: orders.taskId });
    await sim.reset();
    await retireV2();
    const deploy = deployClient();
    expect(await deploy.getTask({ taskId: orders.taskId })).toEqual(before);
    expect(deploy.tasks.usingAppApis).toBe(true);
    expect(await deploy.getTask({ taskId: orders.taskId })).toEqual(before);
    const calls = await sim.calls();
    expect(calls.received.ShowDeployTaskDetail).toBe(1);
    expect(calls.received.ListDeployTasks).toBeUndefined();
    expect(calls.received.ShowAppDetailById).toBe(2);
    expect(calls.received.ListAllApp).toBeLessThanOrEqual(3); // one walk, cached afterwards
  });

  it("getRecord and getLogs follow a new start through the app APIs", async () => {
    await retireV2();
    const deploy = deployClient();
    const started = await deploy.startTask({ taskId: orders.taskId, body: { params: [] } });
    const record = await deploy.getRecord({ taskId: orders.taskId, recordId: started.id });
    expect([record.recordId, record.appId, record.taskName]).toEqual([started.id, orders.appId, expect.any(String)]);
    expect(record.components.length).toBeGreaterThan(0);
    const logs = await deploy.getLogs({ taskId: orders.taskId, recordId: started.id, offset: 0 });
    expect(logs.text).toContain("started by");
    expect(await received("ShowDeployTaskDetail")).toBe(1);
  });

  it("reads a draft task as a draft, and 410 Gone counts as retired too", async () => {
    await retireV2(410);
    const task = await deployClient().getTask({ taskId: draft.taskId });
    expect([task.draft, task.appId, task.lastRecordId]).toEqual([true, draft.appId, null]);
  });

  it("walks ListAllApp page by page for a task on a later page, and remembers what it saw", async () => {
    const page3 = listAllAppResponseSchema.parse(
      await deployClient().client.deploy({
        operation: "ListAllApp",
        method: "POST",
        path: "/v1/applications/list",
        body: { project_id: DEMO_CODEARTS_PROJECT_ID, page: 3, size: 100 },
        schema: listAllAppResponseSchema,
        idempotent: true,
      }),
    );
    const far = page3.result.at(-1);
    const near = page3.result[0];
    if (!far?.arrange_infos?.[0] || !near?.arrange_infos?.[0]) throw new Error("page 3 is empty");
    await sim.reset();
    await retireV2();
    const deploy = deployClient();
    expect((await deploy.getTask({ taskId: far.arrange_infos[0].id })).appId).toBe(far.id);
    expect(await received("ListAllApp")).toBe(3);
    expect((await deploy.getTask({ taskId: near.arrange_infos[0].id })).appId).toBe(near.id);
    expect(await received("ListAllApp")).toBe(3);
  });

  it("uses what the task picker already listed: no walk", async () => {
    await retireV2();
    const deploy = deployClient();
    await deploy.listApps({ q: orders.name, page: 1, size: 20 }); // a name search reads every page
    const listed = await received("ListAllApp");
    await deploy.getTask({ taskId: orders.taskId });
    expect(await received("ListAllApp")).toBe(listed);
  });

  it("reports a task no app holds as not found (404), after one full walk", async () => {
    await retireV2();
    const err = (await deployClient()
      .tasks.taskInfo("9".repeat(32))
      .catch((e: unknown) => e)) as CodeArtsError;
    expect(err).toBeInstanceOf(CodeArtsError);
    expect([err.status, err.errorCode]).toEqual([404, "Deploy.00011020"]);
    expect(toErrorResponse(err).status).toBe(404);
    expect(await received("ListAllApp")).toBe(3);
  });
});

describe("while ShowDeployTaskDetail works", () => {
  it("an unknown task is the service's own 404, with no fallback walk", async () => {
    const err = (await deployClient()
      .getTask({ taskId: "8".repeat(32) })
      .catch((e: unknown) => e)) as CodeArtsError;
    expect([err.status, err.errorCode, err.requestId]).toEqual([404, "Deploy.00011020", expect.stringMatching(/^[0-9a-f]{32}$/)]);
    expect(await received("ListAllApp")).toBe(0);
  });
});
