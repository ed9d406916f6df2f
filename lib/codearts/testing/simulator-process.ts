/**
 * Test helper: the simulator as its own process (as the console runs it), with its admin API for faults, call
 * counts, the clock and resets. Only tests import this.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { CodeArtsConfig } from "../config";
import type { CallsSnapshot, FaultRule } from "../simulator";
import { DEMO_AK, DEMO_CODEARTS_PROJECT_ID, DEMO_REGION, DEMO_SK } from "../demo";

/** The client's config for a simulator at `url` (demo identity, AK/SK, IAM project discovered), with overrides. */
export function simulatorClientConfig(url: string, over: Partial<CodeArtsConfig> = {}): CodeArtsConfig {
  return {
    endpoint: url,
    iamEndpoint: url,
    region: DEMO_REGION,
    codeartsProjectId: DEMO_CODEARTS_PROJECT_ID,
    iamProjectId: undefined, // discovered through the simulator's IAM
    credentials: { kind: "aksk", ak: DEMO_AK, sk: DEMO_SK },
    timeoutMs: 2000,
    upstreamUtcOffsetMinutes: 480,
    ...over,
  };
}

export interface SimulatorProcess {
  readonly url: string;
  /** Append fault rules (POST /__sim/faults). */
  faults(...rules: FaultRule[]): Promise<void>;
  calls(): Promise<CallsSnapshot>;
  /** Seed, clock, calls and faults back to the start (POST /__sim/reset). */
  reset(): Promise<void>;
  /** Move the simulator's clock (POST /__sim/clock): real token expiry, real X-Sdk-Date skew. */
  clock(offsetMs: number): Promise<void>;
  stop(): void;
}

export async function startSimulatorProcess(env: Record<string, string> = {}): Promise<SimulatorProcess> {
  const adminToken = randomBytes(12).toString("hex");
  const proc: ChildProcess = spawn(process.execPath, ["--import", "tsx", "lib/codearts/simulator/main.ts"], {
    env: { ...process.env, SIMULATOR_PORT: "0", SIMULATOR_STEP_MS: "150", ...env, SIMULATOR_ADMIN_TOKEN: adminToken },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    proc.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    proc.on("exit", (code) => reject(new Error(`simulator exited ${code}`)));
  });

  async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { "x-sim-admin": adminToken, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  return {
    url,
    faults: async (...rules) => void (await admin("POST", "/__sim/faults", { rules })),
    calls: async () => (await admin("GET", "/__sim/calls")) as CallsSnapshot,
    reset: async () => void (await admin("POST", "/__sim/reset")),
    clock: async (offsetMs) => void (await admin("POST", "/__sim/clock", { offsetMs })),
    stop: () => void proc.kill("SIGTERM"),
  };
}
