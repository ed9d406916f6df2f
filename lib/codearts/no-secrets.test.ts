/**
 * No secret leaves the client in anything a log could pick up: nothing is printed, and the events it reports and
 * the errors it throws (message, stack, fields) never carry the SK, the IAM password, a token or a signature.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type ClientEvent, CodeArtsClient } from "./client";
import type { CodeArtsConfig } from "./config";
import { codeartsDeploy } from "./deploy";
import {
  DEMO_AK,
  DEMO_CODEARTS_PROJECT_ID,
  DEMO_DOMAIN_NAME,
  DEMO_IAM_PASSWORD,
  DEMO_IAM_USER,
  DEMO_REGION,
  DEMO_SK,
  FAULT_PRESETS,
  type FaultRule,
  SEED,
  createSimulator,
} from "./simulator";

const sim = createSimulator({ port: 0, stepMs: 5 });
beforeAll(() => sim.listen());
afterAll(() => sim.close());
afterEach(() => {
  sim.reset();
  vi.restoreAllMocks();
});

const SECURITY_TOKEN = "temporary-security-token-0123456789";
const SECRETS = [DEMO_SK, DEMO_IAM_PASSWORD, SECURITY_TOKEN];
const LEAKS = [/MII[A-Za-z0-9_-]{20,}/, /SDK-HMAC-SHA256 Access=/i, /Signature=[0-9a-f]{16}/i, /x-auth-token:/i, /authorization:/i];

function deployFor(credentials: CodeArtsConfig["credentials"], events: ClientEvent[]) {
  const config: CodeArtsConfig = {
    endpoint: sim.url,
    iamEndpoint: sim.url,
    region: DEMO_REGION,
    codeartsProjectId: DEMO_CODEARTS_PROJECT_ID,
    iamProjectId: undefined,
    credentials,
    timeoutMs: 300,
    upstreamUtcOffsetMinutes: 480,
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
  };
  return codeartsDeploy(new CodeArtsClient(config, { onEvent: (e) => events.push(e) }));
}

const FAULTS: FaultRule[] = [
  ...FAULT_PRESETS.map((preset) => ({ preset })),
  { malformedJson: true },
  { reset: true },
  { hang: true },
  { errorIn200: true },
  { phase: "after", reset: true },
];

describe("secrets in logs", () => {
  it.each([
    ["AK/SK", { kind: "aksk", ak: DEMO_AK, sk: DEMO_SK }],
    ["temporary AK/SK", { kind: "aksk", ak: DEMO_AK, sk: DEMO_SK, securityToken: SECURITY_TOKEN }],
    ["IAM token", { kind: "token", domainName: DEMO_DOMAIN_NAME, userName: DEMO_IAM_USER, password: DEMO_IAM_PASSWORD }],
  ] as const satisfies ReadonlyArray<readonly [string, CodeArtsConfig["credentials"]]>)(
    "%s: nothing printed; events and errors carry no secret, token or signature",
    async (_mode, credentials) => {
      const printed = (["log", "info", "warn", "error", "debug"] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
      const events: ClientEvent[] = [];
      const deploy = deployFor(credentials, events);
      const outcomes: unknown[] = [];
      for (const rule of FAULTS) {
        sim.addFaults([{ ...rule, times: 1 }]);
        outcomes.push(await deploy.listApps({ page: 1, size: 2 }).catch((e: unknown) => e));
        sim.clearFaults();
        sim.addFaults([{ ...rule, times: 1, path: "/start$" }]);
        outcomes.push(await deploy.startTask({ taskId: SEED.apps.orders.taskId, body: { params: [] } }).catch((e: unknown) => e));
        sim.reset();
      }
      const wrong = deployFor(
        credentials.kind === "aksk" ? { ...credentials, sk: `${DEMO_SK}x` } : { ...credentials, password: `${DEMO_IAM_PASSWORD}x` },
        events,
      );
      outcomes.push(await wrong.listApps({ page: 1, size: 2 }).catch((e: unknown) => e));

      expect(outcomes.filter((o) => o instanceof Error).length).toBeGreaterThan(FAULTS.length);
      expect(events.some((e) => e.kind === "retry")).toBe(true);
      const text = [
        ...printed.flatMap((spy) => spy.mock.calls.map((args) => args.map(String).join(" "))),
        JSON.stringify(events),
        ...outcomes.filter((o) => o instanceof Error).map((e) => `${e.message}\n${e.stack ?? ""}\n${JSON.stringify(e)}`),
      ].join("\n");
      for (const secret of SECRETS) expect(text).not.toContain(secret);
      for (const leak of LEAKS) expect(text).not.toMatch(leak);
      for (const spy of printed) expect(spy).not.toHaveBeenCalled();
    },
  );
});
