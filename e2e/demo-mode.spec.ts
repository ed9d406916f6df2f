/** `npm start` without cloud settings: the console starts its own simulator and serves the demo (README path). */
import { type ChildProcess, spawn } from "node:child_process";
import { expect, test } from "@playwright/test";

const PORT = 3299;
const SIM_PORT = 9299;
let proc: ChildProcess | undefined;

test.afterAll(() => {
  if (proc?.pid) process.kill(proc.pid, "SIGTERM");
});

test("npm start in demo mode brings up the simulator and the console", async ({ request }) => {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), SIMULATOR_PORT: String(SIM_PORT) };
  for (const k of ["CODEARTS_ENDPOINT", "CLOUD_SDK_AK", "CLOUD_SDK_SK", "IAM_ENDPOINT"]) delete env[k];
  proc = spawn(process.execPath, ["scripts/start.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  proc.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  await expect
    .poll(async () => {
      try {
        return (await request.get(`http://127.0.0.1:${PORT}/api/health`)).status();
      } catch {
        return 0;
      }
    }, { timeout: 120_000 })
    .toBe(200);
  expect(await (await request.get(`http://127.0.0.1:${PORT}/api/health`)).json()).toEqual({ status: "ok", mode: "demo" });
  const apps = (await (await request.get(`http://127.0.0.1:${PORT}/api/apps?size=100`)).json()) as { total: number };
  expect(apps.total).toBeGreaterThanOrEqual(12);
  await expect.poll(() => out, { timeout: 10_000 }).toContain(`http://localhost:${PORT}`);
});
