/**
 * Integration: the console's CodeArts client against the simulator running as its own process, over HTTP, for
 * every endpoint the console uses and the errors it must survive. Both auth modes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CodeArtsClient } from "./client";
import type { CodeArtsConfig } from "./config";
import { type CodeArtsDeploy, codeartsDeploy } from "./deploy";
import { CodeArtsError } from "./errors";
import { DEMO_AK, DEMO_DOMAIN_NAME, DEMO_IAM_PASSWORD, DEMO_IAM_PROJECT_ID, DEMO_IAM_USER } from "./demo";
import { SEED } from "./simulator/seed";
import { type SimulatorProcess, simulatorClientConfig, startSimulatorProcess } from "./testing/simulator-process";
import { addDays } from "./time";

let sim: SimulatorProcess;
let url = "";

function config(over: Partial<CodeArtsConfig> = {}): CodeArtsConfig {
  return simulatorClientConfig(url, over);
}

async function rejection(p: Promise<unknown>): Promise<CodeArtsError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CodeArtsError);
  return err as CodeArtsError;
}

async function waitFinished(deploy: CodeArtsDeploy, taskId: string, recordId: string) {
  for (let i = 0; i < 100; i++) {
    const r = await deploy.getRecord({ taskId, recordId });
    if (r.finished) return r;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error("record did not finish");
}

beforeAll(async () => {
  sim = await startSimulatorProcess();
  url = sim.url;
});
afterAll(() => sim?.stop());
beforeEach(() => sim.reset());

const { orders, draft, pipelineOnly, failing } = SEED.apps;

describe.each([
  ["AK/SK", () => config()],
  ["IAM token", () => config({ credentials: { kind: "token", domainName: DEMO_DOMAIN_NAME, userName: DEMO_IAM_USER, password: DEMO_IAM_PASSWORD } })],
])("client ↔ simulator (%s)", (_mode, cfg) => {
  it("lists apps, pages them and searches by name", async () => {
    const deploy = codeartsDeploy(new CodeArtsClient(cfg()));
    const page1 = await deploy.listApps({ page: 1, size: 5 });
    expect(page1.total).toBeGreaterThanOrEqual(12);
    expect(page1.items).toHaveLength(5);
    const found = await deploy.listApps({ q: "订单", page: 1, size: 20 });
    expect(found.items.map((a) => a.name)).toContain(orders.name);
    expect(found.items.every((a) => a.name.includes("订单"))).toBe(true);
    const fav = (await deploy.listApps({ page: 1, size: 100 })).items.filter((a) => a.favourite);
    expect(fav.length).toBe(1);
  });

  it("reads a task with parameter definitions of all four types, from steps and the last record", async () => {
    const deploy = codeartsDeploy(new CodeArtsClient(cfg()));
    const task = await deploy.getTask({ taskId: orders.taskId });
    expect(task.taskId).toBe(orders.taskId);
    expect(task.draft).toBe(false);
    expect(task.triggerSource).toBe("0");
    const types = new Set(task.params.map((p) => p.type));
    expect(types).toEqual(new Set(["text", "enum", "host_group", "encrypt"]));
    for (const p of task.params.filter((x) => x.type === "encrypt")) expect(p.value).toBeNull();
    expect(task.params.find((p) => p.type === "enum")?.options.length).toBeGreaterThan(0);
    expect(task.components.length).toBeGreaterThan(0);
    expect((await deploy.getTask({ taskId: pipelineOnly.taskId })).triggerSource).toBe("1");
    expect((await deploy.getTask({ taskId: draft.taskId })).draft).toBe(true);
  });

  it("stitches 92 days of history from 30-day windows and pages across them", async () => {
    const deploy = codeartsDeploy(new CodeArtsClient(cfg()));
    const to = deploy.today();
    const from = addDays(to, -91);
    const all = await deploy.listRecords({ taskId: orders.taskId, from, to, page: 1, size: 100 });
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThan(20);
    const starts = all.items.map((r) => r.startTime ?? "");
    expect([...starts].sort().reverse()).toEqual(starts);
    const page2 = await deploy.listRecords({ taskId: orders.taskId, from, to, page: 2, size: 7 });
    expect(page2.items.map((r) => r.recordId)).toEqual(all.items.slice(7, 14).map((r) => r.recordId));
    const params = await deploy.getRecordParams({ taskId: orders.taskId, recordId: all.items[0]!.recordId });
    expect(params.find((p) => p.secret)?.value).toBeNull();
  });

  it("starts, follows the record to succeeded with effective components, and tails the log", async () => {
    const deploy = codeartsDeploy(new CodeArtsClient(cfg()));
    const started = await deploy.startTask({
      taskId: orders.taskId,
      body: { params: [{ key: "image_tag", value: "v9.9.9", type: "text" }] },
    });
    expect(started.id).toMatch(/^[0-9a-z]{32}$/);
    expect(started.app_component_list.length).toBeGreaterThan(0);
    expect(started.app_component_list.every((c) => c.state === "0")).toBe(true);
    const again = await rejection(deploy.startTask({ taskId: orders.taskId, body: { params: [] } }));
    expect(again.errorCode).toBe("Deploy.00011027");
    const done = await waitFinished(deploy, orders.taskId, started.id);
    expect(done.state).toBe("succeeded");
    expect(done.components.every((c) => c.effective)).toBe(true);
    let offset = 0;
    let text = "";
    for (let i = 0; i < 50; i++) {
      const chunk = await deploy.getLogs({ taskId: orders.taskId, recordId: started.id, offset });
      text += chunk.text;
      offset = Number(chunk.endOffset);
      if (!chunk.hasMore) break;
    }
    expect(text.length).toBeGreaterThan(0);
  });

  it("rolls back with record_id, stops a running record, and reports the failing step's FAQ", async () => {
    const deploy = codeartsDeploy(new CodeArtsClient(cfg()));
    const history = await deploy.listRecords({ taskId: orders.taskId, from: addDays(deploy.today(), -29), to: deploy.today(), page: 1, size: 5 });
    const target = history.items[2]!;
    const rollback = await deploy.startTask({ taskId: orders.taskId, body: { params: [], record_id: target.recordId } });
    const stopped = await deploy.stopRecord({ taskId: orders.taskId, recordId: rollback.id });
    expect(stopped.id).toBe(rollback.id);
    expect((await waitFinished(deploy, orders.taskId, rollback.id)).state).toBe("abort");
    const fail = await deploy.startTask({ taskId: failing.taskId, body: { params: [] } });
    const failed = await waitFinished(deploy, failing.taskId, fail.id);
    expect(failed.state).toBe("failed");
    expect(failed.steps.some((s) => s.faqUrl)).toBe(true);
  });

  it("surfaces the cloud's refusals with their codes and request ids", async () => {
    const deploy = codeartsDeploy(new CodeArtsClient(cfg()));
    const d = await rejection(deploy.startTask({ taskId: draft.taskId, body: { params: [] } }));
    expect([d.status, d.errorCode]).toEqual([400, "Deploy.00011042"]);
    expect(d.requestId).toMatch(/^[0-9a-f]{32}$/);
    const p = await rejection(deploy.startTask({ taskId: pipelineOnly.taskId, body: { params: [] } }));
    expect(p.errorCode).toBe("Deploy.00016004");
    const missing = await rejection(deploy.getTask({ taskId: "0".repeat(32) }));
    expect(missing.errorCode).toBe("Deploy.00011020");
    const rec = await rejection(deploy.getRecordParams({ taskId: orders.taskId, recordId: "1".repeat(32) }));
    expect(rec.errorCode).toBe("Deploy.00011303");
  });
});

describe("client faults", () => {
  // Every injected fault, with what the client and the console do about it: lib/server/upstream-faults.integration.test.ts.
  it("refuses a wrong secret key with the gateway's APIGW.0301, without retrying", async () => {
    const deploy = codeartsDeploy(new CodeArtsClient(config({ credentials: { kind: "aksk", ak: DEMO_AK, sk: "wrong" }, iamProjectId: DEMO_IAM_PROJECT_ID })));
    const e = await rejection(deploy.listApps({ page: 1, size: 5 }));
    expect([e.status, e.errorCode, e.attempts]).toEqual([401, "APIGW.0301", 1]);
    expect((await sim.calls()).refused).toEqual({ ListAllApp: 1 });
  });
});
