/**
 * docs/FAULTS.md, row by row: each fault injected into the simulator process, what the client does (how many
 * requests reached the simulator), what the console answers (lib/server/errors.ts toErrorResponse) and that the
 * user's explanation exists in both catalogs. A faster back-off keeps the table quick; the default policy's
 * timing is checked separately.
 */
import { type AddressInfo, createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";
import { toErrorResponse } from "./errors";
import { CodeArtsClient } from "../codearts/client";
import type { CodeArtsConfig } from "../codearts/config";
import { type CodeArtsDeploy, codeartsDeploy } from "../codearts/deploy";
import { CodeArtsError } from "../codearts/errors";
import { UPSTREAM_ERROR_KEYS, isKnownUpstreamCode } from "../codearts/error-codes";
import type { FaultRule } from "../codearts/simulator";
import { DEMO_DOMAIN_NAME, DEMO_IAM_PASSWORD, DEMO_IAM_PROJECT_ID, DEMO_IAM_USER } from "../codearts/demo";
import { SEED } from "../codearts/simulator/seed";
import { type SimulatorProcess, simulatorClientConfig, startSimulatorProcess } from "../codearts/testing/simulator-process";

let sim: SimulatorProcess;
beforeAll(async () => {
  sim = await startSimulatorProcess();
});
afterAll(() => sim?.stop());
beforeEach(() => sim.reset());

const TOKEN = { kind: "token", domainName: DEMO_DOMAIN_NAME, userName: DEMO_IAM_USER, password: DEMO_IAM_PASSWORD } as const;

function faultClient(over: Partial<CodeArtsConfig> = {}) {
  const config = simulatorClientConfig(sim.url, {
    iamProjectId: DEMO_IAM_PROJECT_ID,
    timeoutMs: 400,
    retry: { baseDelayMs: 10, maxDelayMs: 40 },
    ...over,
  });
  return codeartsDeploy(new CodeArtsClient(config));
}

const OPS = {
  read: { path: "^/v1/applications/list$", operation: "ListAllApp", run: (d: CodeArtsDeploy) => d.listApps({ page: 1, size: 5 }) },
  start: {
    path: "/start$",
    operation: "StartDeployTask",
    run: (d: CodeArtsDeploy) => d.startTask({ taskId: SEED.apps.orders.taskId, body: { params: [] } }),
  },
} as const;

interface Row {
  fault: string;
  op: keyof typeof OPS;
  rules?: FaultRule[];
  /** Move the simulator's clock instead (real skew). */
  clockMs?: number;
  config?: Partial<CodeArtsConfig>;
  /** "ok", or the console's answer. */
  console: "ok" | [status: number, code: string];
  /** Requests for the operation that reached the simulator. */
  received: number;
  inDoubt?: boolean;
  /** A start the service carried out although the client saw a failure. */
  started?: boolean;
}

const once = (rule: FaultRule): FaultRule[] => [{ times: 1, ...rule }];
const always = (rule: FaultRule): FaultRule[] => [rule];
const IN_DOUBT: Row["console"] = [502, "upstream_in_doubt"];

const ROWS: Row[] = [
  { fault: "latency below the timeout", op: "read", rules: once({ latencyMs: 150 }), console: "ok", received: 1 },
  { fault: "500 with a body, once", op: "read", rules: once({ preset: "server_error" }), console: "ok", received: 2 },
  { fault: "500 with a body, persistent", op: "read", rules: always({ preset: "server_error" }), console: [502, "upstream_unavailable"], received: 3 },
  { fault: "503 without a body", op: "read", rules: always({ preset: "unavailable" }), console: [502, "upstream_unavailable"], received: 3 },
  { fault: "502 HTML page", op: "read", rules: always({ preset: "bad_gateway" }), console: [502, "upstream_unavailable"], received: 3 },
  { fault: "504 APIGW.0201 backend timeout", op: "read", rules: always({ preset: "gateway_timeout" }), console: [504, "upstream_timeout"], received: 3 },
  { fault: "429 APIGW.0308, once", op: "read", rules: once({ preset: "throttle" }), console: "ok", received: 2 },
  { fault: "429 APIGW.0308, persistent", op: "read", rules: always({ preset: "throttle" }), console: [429, "upstream_throttled"], received: 3 },
  {
    fault: "429 APIGW.0308 with Retry-After: 1",
    op: "read",
    rules: once({ preset: "throttle", headers: { "Retry-After": "1" } }),
    config: { timeoutMs: 2000 },
    console: "ok",
    received: 2,
  },
  {
    fault: "401 APIGW.0301 token expires (token mode)",
    op: "read",
    rules: once({ preset: "token_expired" }),
    config: { credentials: TOKEN },
    console: "ok",
    received: 2,
  },
  { fault: "401 APIGW.0301 (AK/SK)", op: "read", rules: always({ preset: "token_expired" }), console: [502, "upstream_error"], received: 1 },
  { fault: "401 APIGW.0303 clock skew (injected)", op: "read", rules: always({ preset: "clock_skew" }), console: [502, "upstream_error"], received: 1 },
  { fault: "401 APIGW.0303 clock skew (simulator clock +16 min)", op: "read", clockMs: 16 * 60_000, console: [502, "upstream_error"], received: 1 },
  { fault: "malformed JSON", op: "read", rules: once({ malformedJson: true }), console: [502, "upstream_error"], received: 1 },
  { fault: "connection reset, once", op: "read", rules: once({ reset: true }), console: "ok", received: 2 },
  { fault: "connection reset, persistent", op: "read", rules: always({ reset: true }), console: [502, "upstream_unavailable"], received: 3 },
  { fault: "hang past the client timeout, once", op: "read", rules: once({ hang: true }), console: "ok", received: 2 },
  { fault: "hang past the client timeout, persistent", op: "read", rules: always({ hang: true }), console: [504, "upstream_timeout"], received: 2 },
  {
    fault: "error inside a 200 body (known code)",
    op: "read",
    rules: once({ errorIn200: true, body: { error_code: "Deploy.00011021", error_msg: "The application does not exist." } }),
    console: [404, "upstream_not_found"],
    received: 1,
  },
  { fault: "error inside a 200 body (unknown code)", op: "read", rules: once({ errorIn200: true }), console: [502, "upstream_error"], received: 1 },
  { fault: "404 APIGW.0101 route not found", op: "read", rules: always({ preset: "route_not_found" }), console: [502, "upstream_error"], received: 1 },

  { fault: "latency below the timeout", op: "start", rules: once({ latencyMs: 150 }), console: "ok", received: 1, started: true },
  { fault: "500 with a body", op: "start", rules: once({ preset: "server_error" }), console: IN_DOUBT, received: 1, inDoubt: true },
  { fault: "503 without a body", op: "start", rules: once({ preset: "unavailable" }), console: IN_DOUBT, received: 1, inDoubt: true },
  { fault: "504 APIGW.0201 backend timeout", op: "start", rules: once({ preset: "gateway_timeout" }), console: IN_DOUBT, received: 1, inDoubt: true },
  { fault: "429 APIGW.0308", op: "start", rules: once({ preset: "throttle" }), console: [429, "upstream_throttled"], received: 1 },
  {
    fault: "401 APIGW.0301 token expires (token mode)",
    op: "start",
    rules: once({ preset: "token_expired" }),
    config: { credentials: TOKEN },
    console: "ok",
    received: 2,
    started: true,
  },
  { fault: "401 APIGW.0303 clock skew", op: "start", rules: once({ preset: "clock_skew" }), console: [502, "upstream_error"], received: 1 },
  { fault: "connection reset", op: "start", rules: once({ reset: true }), console: IN_DOUBT, received: 1, inDoubt: true },
  { fault: "hang past the client timeout", op: "start", rules: once({ hang: true }), console: IN_DOUBT, received: 1, inDoubt: true },
  {
    fault: "started, then the answer was lost (reset)",
    op: "start",
    rules: once({ phase: "after", reset: true }),
    console: IN_DOUBT,
    received: 1,
    inDoubt: true,
    started: true,
  },
  {
    fault: "started, then the answer hung",
    op: "start",
    rules: once({ phase: "after", hang: true }),
    console: IN_DOUBT,
    received: 1,
    inDoubt: true,
    started: true,
  },
  {
    fault: "started, then a 503 instead of the answer",
    op: "start",
    rules: once({ phase: "after", preset: "unavailable" }),
    console: IN_DOUBT,
    received: 1,
    inDoubt: true,
    started: true,
  },
  {
    fault: "started, answered with malformed JSON",
    op: "start",
    rules: once({ phase: "after", malformedJson: true }),
    console: IN_DOUBT,
    received: 1,
    inDoubt: true,
    started: true,
  },
  {
    fault: "error inside a 200 body",
    op: "start",
    rules: once({ errorIn200: true, body: { error_code: "Deploy.00011027", error_msg: "busy" } }),
    console: [409, "upstream_conflict"],
    received: 1,
  },
];

function expectExplained(code: string, upstreamCode: string | null) {
  expect((en.errors.console as Record<string, string>)[code], code).toBeTruthy();
  expect((zh.errors.console as Record<string, string>)[code], code).toBeTruthy();
  if (isKnownUpstreamCode(upstreamCode)) {
    const key = UPSTREAM_ERROR_KEYS[upstreamCode];
    expect((en.errors.upstream as Record<string, string>)[key]).toBeTruthy();
    expect((zh.errors.upstream as Record<string, string>)[key]).toBeTruthy();
  }
}

describe("docs/FAULTS.md: each fault, what the client does, what the console answers", () => {
  it.each(ROWS)("$op · $fault", async (row) => {
    const op = OPS[row.op];
    if (row.rules) await sim.faults(...row.rules.map((r) => ({ path: op.path, ...r })));
    if (row.clockMs) await sim.clock(row.clockMs);
    const outcome = await op.run(faultClient(row.config)).then(
      () => "ok" as const,
      (e: unknown) => e,
    );
    const calls = await sim.calls();
    expect(calls.received[op.operation] ?? 0).toBe(row.received);
    if (row.op === "start") expect(calls.starts.some((s) => s.status === 200)).toBe(row.started ?? false);
    if (row.console === "ok") {
      expect(outcome).toBe("ok");
      return;
    }
    expect(outcome).toBeInstanceOf(CodeArtsError);
    const err = outcome as CodeArtsError;
    expect(err.inDoubt).toBe(row.inDoubt ?? false);
    const answer = toErrorResponse(err);
    expect([answer.status, answer.body.error.code]).toEqual(row.console);
    expect(answer.body.error.upstream?.request_id ?? null).toBe(err.requestId);
    expectExplained(answer.body.error.code, err.errorCode);
  });
});

describe("the default retry policy against the simulator process", () => {
  const client = () => faultClient({ timeoutMs: 2000, retry: undefined });

  it("a read with one injected 503 succeeds with 2 calls, the second 200–400 ms later", async () => {
    await sim.faults({ path: OPS.read.path, status: 503, times: 1 });
    const t0 = Date.now();
    expect((await OPS.read.run(client())).items).toHaveLength(5);
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(200);
    expect(took).toBeLessThan(1500);
    expect((await sim.calls()).received.ListAllApp).toBe(2);
  });

  it("a start with an injected 503 is called exactly once and is in doubt", async () => {
    await sim.faults({ path: OPS.start.path, status: 503, times: 1 });
    const err = (await OPS.start.run(client()).catch((e: unknown) => e)) as CodeArtsError;
    expect([err.status, err.mayHaveReachedCloud, err.inDoubt, err.attempts]).toEqual([503, true, true, 1]);
    expect((await sim.calls()).received.StartDeployTask).toBe(1);
  });

  it("connection refused: reads retried, a start not in doubt (it never left)", async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const deploy = faultClient({ endpoint: `http://127.0.0.1:${closed}` });
    const read = (await OPS.read.run(deploy).catch((e: unknown) => e)) as CodeArtsError;
    expect([read.failure, read.attempts, toErrorResponse(read).body.error.code]).toEqual(["network", 3, "upstream_unavailable"]);
    const start = (await OPS.start.run(deploy).catch((e: unknown) => e)) as CodeArtsError;
    expect([start.errorMsg, start.inDoubt, start.attempts, toErrorResponse(start).status]).toEqual(["ECONNREFUSED", false, 1, 502]);
  });
});
