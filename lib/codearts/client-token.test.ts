/**
 * IAM token mode end to end against the simulator's IAM, with real expiry: the simulator's clock (`now`) and
 * token lifetime (`tokenTtlMs`) and the client's clock are moved, no 401 is faked. Also the IAM project id
 * discovery in both modes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ClientEvent, CodeArtsClient } from "./client";
import type { CodeArtsConfig } from "./config";
import { type CodeArtsDeploy, codeartsDeploy } from "./deploy";
import { CodeArtsError } from "./errors";
import { DEMO_AK, DEMO_DOMAIN_NAME, DEMO_IAM_PASSWORD, DEMO_IAM_PROJECT_ID, DEMO_IAM_USER, DEMO_SK, SEED, createSimulator } from "./simulator";
import { simulatorClientConfig } from "./testing/simulator-process";

const TTL_MS = 2 * 3_600_000; // renewal margin: min(1 h, 10 %) = 12 min
let simOffset = 0;
let clientOffset = 0;
const sim = createSimulator({ port: 0, tokenTtlMs: TTL_MS, now: () => Date.now() + simOffset });
beforeAll(() => sim.listen());
afterAll(() => sim.close());
beforeEach(() => {
  simOffset = 0;
  clientOffset = 0;
  sim.reset();
});

const tokenCredentials = { kind: "token", domainName: DEMO_DOMAIN_NAME, userName: DEMO_IAM_USER, password: DEMO_IAM_PASSWORD } as const;

/** `events`: the renewals and retries (the per-attempt `call` events go to `calls`). */
function client(over: Partial<CodeArtsConfig> = {}, events: ClientEvent[] = [], calls: ClientEvent[] = []) {
  const config = simulatorClientConfig(sim.url, { credentials: tokenCredentials, ...over });
  const onEvent = (e: ClientEvent) => (e.kind === "call" ? calls : events).push(e);
  return codeartsDeploy(new CodeArtsClient(config, { now: () => Date.now() + clientOffset, onEvent }));
}

const tokensIssued = () => sim.calls.counts.KeystoneCreateUserTokenByPassword ?? 0;
const list = (d: CodeArtsDeploy) => d.listApps({ page: 1, size: 2 });

describe("IAM token mode", () => {
  it("gets one password token (201 + X-Subject-Token) and reuses it, also for concurrent calls", async () => {
    const deploy = client();
    await Promise.all([list(deploy), list(deploy), deploy.getTask({ taskId: SEED.apps.orders.taskId })]);
    await list(deploy);
    expect(tokensIssued()).toBe(1);
    expect(sim.calls.refused).toEqual({});
  });

  it("renews the token before it expires, so the gateway never refuses it", async () => {
    const events: ClientEvent[] = [];
    const deploy = client({}, events);
    await list(deploy);
    simOffset = clientOffset = TTL_MS - 13 * 60_000; // 13 min left: still outside the margin
    await list(deploy);
    expect(tokensIssued()).toBe(1);
    simOffset = clientOffset = TTL_MS - 11 * 60_000; // 11 min left: inside the 12-min margin
    await Promise.all([list(deploy), list(deploy)]);
    expect(tokensIssued()).toBe(2);
    expect(sim.calls.refused).toEqual({});
    expect(events).toEqual([{ kind: "token_renewed", reason: "expiring" }]);
  });

  it("tells every HTTP attempt as a call event: operation, status, error code, duration — IAM's included", async () => {
    const calls: ClientEvent[] = [];
    const deploy = client({}, [], calls);
    await list(deploy);
    simOffset = TTL_MS + 60_000; // the gateway refuses the token once: that attempt is told too
    await list(deploy);
    const told = calls.map((c) => (c.kind === "call" ? [c.operation, c.status, c.errorCode] : c.kind));
    expect(told).toEqual([
      ["KeystoneCreateUserTokenByPassword", "2xx", null],
      ["ListAllApp", "2xx", null],
      ["ListAllApp", "401", "APIGW.0301"],
      ["KeystoneCreateUserTokenByPassword", "2xx", null],
      ["ListAllApp", "2xx", null],
    ]);
    for (const c of calls) if (c.kind === "call") expect(c.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("renews once and retries when the gateway says the token expired (the console's clock was behind)", async () => {
    const events: ClientEvent[] = [];
    const deploy = client({}, events);
    await list(deploy);
    simOffset = TTL_MS + 60_000; // expired for the gateway; the client still thinks it has 2 h
    expect((await list(deploy)).items).toHaveLength(2);
    expect(tokensIssued()).toBe(2);
    expect(sim.calls.refused).toEqual({ ListAllApp: 1 });
    expect(events).toEqual([{ kind: "token_renewed", reason: "rejected" }]);
  });

  it("resends a start once after a rejected token: the gateway refused it, the service never saw it", async () => {
    const deploy = client();
    await list(deploy);
    simOffset = TTL_MS + 60_000;
    const started = await deploy.startTask({ taskId: SEED.apps.orders.taskId, body: { params: [] } });
    expect(sim.calls.starts.map((s) => s.recordId)).toEqual([started.id]);
    expect(sim.calls.refused).toEqual({ StartDeployTask: 1 });
  });

  it("gives up after one renewal when the new token is refused too", async () => {
    const deploy = client();
    await list(deploy);
    sim.addFaults([{ path: "^/v1/applications/list$", preset: "token_expired", times: 2 }]);
    const err = await list(deploy).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CodeArtsError);
    expect([(err as CodeArtsError).status, (err as CodeArtsError).errorCode]).toEqual([401, "APIGW.0301"]);
    expect(tokensIssued()).toBe(2);
  });

  it("surfaces IAM's refusal of a wrong password, and never sends the password anywhere but IAM", async () => {
    const deploy = client({ credentials: { ...tokenCredentials, password: "hunter2-not-it" } });
    const err = (await list(deploy).catch((e: unknown) => e)) as CodeArtsError;
    expect([err.operation, err.status, err.errorCode]).toEqual(["KeystoneCreateUserTokenByPassword", 401, "1101"]);
    expect(err.message).not.toContain("hunter2");
    expect(sim.calls.received.ListAllApp).toBeUndefined();
  });
});

describe("IAM project id discovery", () => {
  it("token mode: read from the project-scoped token, no project lookup", async () => {
    const deploy = client();
    expect(await deploy.client.iamProjectId()).toBe(DEMO_IAM_PROJECT_ID);
    await list(deploy);
    expect(sim.calls.counts.KeystoneListProjects).toBeUndefined();
  });

  it("AK/SK mode: looked up once by region, then sent as X-Project-Id", async () => {
    const deploy = client({ credentials: { kind: "aksk", ak: DEMO_AK, sk: DEMO_SK } });
    await Promise.all([list(deploy), list(deploy)]);
    await list(deploy);
    expect(sim.calls.counts.KeystoneListProjects).toBe(1);
    expect(await deploy.client.iamProjectId()).toBe(DEMO_IAM_PROJECT_ID);
  });

  it("AK/SK mode: a region without exactly one IAM project is a clear error, asked again next time", async () => {
    const deploy = client({ credentials: { kind: "aksk", ak: DEMO_AK, sk: DEMO_SK }, region: "ap-southeast-3" });
    for (let i = 0; i < 2; i++) {
      const err = (await list(deploy).catch((e: unknown) => e)) as CodeArtsError;
      expect(err.errorMsg).toMatch(/expected one IAM project named ap-southeast-3, found 0; set CLOUD_SDK_PROJECT_ID/);
    }
    expect(sim.calls.counts.KeystoneListProjects).toBe(2);
  });

  it("uses a configured IAM project id as is (token scoped by id)", async () => {
    const deploy = client({ iamProjectId: DEMO_IAM_PROJECT_ID });
    await list(deploy);
    expect(sim.calls.counts.KeystoneListProjects).toBeUndefined();
    expect(tokensIssued()).toBe(1);
  });
});
