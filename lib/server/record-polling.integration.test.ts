/**
 * Many people watching one deployment (issue 18): every open record page polls its record every 2 s, but the
 * console asks the cloud's ShowDeployStatus about a running record at most once per second per process, and about
 * a finished one once — counted at the simulator process.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { CodeArtsClient } from "../codearts/client";
import { codeartsDeploy } from "../codearts/deploy";
import { DEMO_AK, DEMO_CODEARTS_PROJECT_ID, DEMO_IAM_PROJECT_ID, DEMO_REGION, DEMO_SK } from "../codearts/demo";
import { LOG_TAIL_KEEP_MS } from "../codearts/logs";
import { RUNNING_STATUS_KEEP_MS } from "../codearts/records";
import { SEED } from "../codearts/simulator/seed";
import { type SimulatorProcess, startSimulatorProcess } from "../codearts/testing/simulator-process";

let sim: SimulatorProcess;
beforeAll(async () => {
  // Steps of 2 s: a deployment runs long enough to be watched.
  sim = await startSimulatorProcess({ SIMULATOR_STEP_MS: "2000" });
});
afterAll(() => sim?.stop());

const statusCalls = async () => (await sim.calls()).received.ShowDeployStatus ?? 0;
const logCalls = async () => (await sim.calls()).received.ShowAppLog ?? 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const newDeploy = () =>
  codeartsDeploy(
    new CodeArtsClient({
      endpoint: sim.url,
      iamEndpoint: sim.url,
      region: DEMO_REGION,
      codeartsProjectId: DEMO_CODEARTS_PROJECT_ID,
      iamProjectId: DEMO_IAM_PROJECT_ID,
      credentials: { kind: "aksk", ak: DEMO_AK, sk: DEMO_SK },
      timeoutMs: 5000,
      upstreamUtcOffsetMinutes: 480,
    }),
  );

it("200 concurrent viewers of a running record: one ShowDeployStatus per second; a finished record is asked once", async () => {
  const deploy = newDeploy();
  const { taskId } = SEED.apps.orders;
  const started = await deploy.startTask({ taskId, body: { params: [] } });
  const input = { taskId, recordId: started.id };
  const before = await statusCalls();

  // Three rounds of 200 polls, 1.1 s apart: one upstream call per round.
  for (let round = 1; round <= 3; round++) {
    const answers = await Promise.all(Array.from({ length: 200 }, () => deploy.getRecord(input)));
    expect(new Set(answers.map((a) => a.recordId))).toEqual(new Set([started.id]));
    expect(await statusCalls()).toBe(before + round);
    await sleep(RUNNING_STATUS_KEEP_MS + 100);
  }

  // Once it has finished, reads are answered from the kept status.
  let record = await deploy.getRecord(input);
  for (let i = 0; i < 40 && !record.finished; i++) {
    await sleep(RUNNING_STATUS_KEEP_MS + 100);
    record = await deploy.getRecord(input);
  }
  expect(record.finished).toBe(true);
  const settled = await statusCalls();
  await sleep(RUNNING_STATUS_KEEP_MS + 100);
  await Promise.all(Array.from({ length: 200 }, () => deploy.getRecord(input)));
  expect(await statusCalls()).toBe(settled);
}, 90_000);

it("200 concurrent viewers of a running record's log: one ShowAppLog per chunk per second", async () => {
  const deploy = newDeploy();
  const { taskId } = SEED.apps.inventory;
  const started = await deploy.startTask({ taskId, body: { params: [] } });
  const input = { taskId, recordId: started.id, offset: 0 };
  const before = await logCalls();
  for (let round = 1; round <= 3; round++) {
    const chunks = await Promise.all(Array.from({ length: 200 }, () => deploy.getLogs(input)));
    expect(new Set(chunks.map((c) => c.text)).size).toBe(1);
    expect(await logCalls()).toBe(before + round);
    await sleep(LOG_TAIL_KEEP_MS + 100);
  }
  // A reader that knows the record has ended reads afresh, not the chunk kept a moment ago; the others then get it.
  const kept = await logCalls();
  await deploy.getLogs(input);
  expect(await logCalls()).toBe(kept + 1);
  await deploy.getLogs({ ...input, final: true });
  expect(await logCalls()).toBe(kept + 2);
  await Promise.all(Array.from({ length: 50 }, () => deploy.getLogs(input)));
  expect(await logCalls()).toBe(kept + 2);
}, 60_000);
