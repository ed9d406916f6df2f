/**
 * The server's channel for the client's events: what the console really writes to its log when CodeArts retries
 * or a token is renewed. Each line is JSON with the operation, status, error code and request ids — and never the
 * SK, the IAM password, a token or a signature.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { CodeArtsConfig } from "../codearts/config";
import { DEMO_AK, DEMO_CODEARTS_PROJECT_ID, DEMO_DOMAIN_NAME, DEMO_IAM_PASSWORD, DEMO_IAM_USER, DEMO_REGION, DEMO_SK } from "../codearts/demo";
import { FAULT_PRESETS, SEED, createSimulator } from "../codearts/simulator";
import { consoleDeploy } from "./codearts";

const sim = createSimulator({ port: 0, stepMs: 5 });
beforeAll(() => sim.listen());
afterAll(() => sim.close());
afterEach(() => {
  sim.reset();
  vi.restoreAllMocks();
});

const config = (credentials: CodeArtsConfig["credentials"]): CodeArtsConfig => ({
  endpoint: sim.url,
  iamEndpoint: sim.url,
  region: DEMO_REGION,
  codeartsProjectId: DEMO_CODEARTS_PROJECT_ID,
  credentials,
  timeoutMs: 300,
  upstreamUtcOffsetMinutes: 480,
  retry: { baseDelayMs: 1, maxDelayMs: 2 },
});

describe("the client's log lines", () => {
  it.each([
    ["AK/SK", { kind: "aksk", ak: DEMO_AK, sk: DEMO_SK }],
    ["IAM token", { kind: "token", domainName: DEMO_DOMAIN_NAME, userName: DEMO_IAM_USER, password: DEMO_IAM_PASSWORD }],
  ] as const satisfies ReadonlyArray<readonly [string, CodeArtsConfig["credentials"]]>)(
    "%s: retries are logged as JSON without secrets",
    async (_mode, credentials) => {
      const lines: string[] = [];
      for (const m of ["log", "error"] as const) vi.spyOn(console, m).mockImplementation((...args: unknown[]) => lines.push(args.map(String).join(" ")));
      const deploy = consoleDeploy(config(credentials));
      for (const preset of FAULT_PRESETS) {
        sim.addFaults([{ preset, times: 1 }]);
        await deploy.listApps({ page: 1, size: 2 }).catch(() => undefined);
        sim.clearFaults();
      }
      const retries = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === "codearts.retry");
      expect(retries.length).toBeGreaterThan(0);
      expect(retries[0]).toMatchObject({ level: "warn", operation: expect.any(String) as unknown, attempt: 1, status: expect.any(Number) as unknown });
      const text = lines.join("\n");
      for (const secret of [DEMO_SK, DEMO_IAM_PASSWORD]) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/MII[A-Za-z0-9_-]{20,}|SDK-HMAC-SHA256|Signature=|x-auth-token|authorization/i);
    },
  );

  it("a token the gateway rejects is renewed once, and the renewal is logged", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => lines.push(args.map(String).join(" ")));
    const deploy = consoleDeploy(config({ kind: "token", domainName: DEMO_DOMAIN_NAME, userName: DEMO_IAM_USER, password: DEMO_IAM_PASSWORD }));
    await deploy.listApps({ page: 1, size: 1 });
    sim.addFaults([{ preset: "token_expired", times: 1 }]);
    await deploy.getTask({ taskId: SEED.apps.orders.taskId });
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ msg: "codearts.token_renewed", reason: "rejected" }),
    );
  });
});
