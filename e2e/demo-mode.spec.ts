/**
 * `npm start` without cloud settings: the console starts its own simulator, seeds the demo accounts and serves
 * the demo (README path). Its own data directory, so a developer's ./data is never touched.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { signInViaApi } from "./fixtures";

const PORT = 3299;
const SIM_PORT = 9299;
const BASE = `http://127.0.0.1:${PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), "console-demo-e2e-"));
let proc: ChildProcess | undefined;

test.use({ storageState: { cookies: [], origins: [] } });

test.afterAll(() => {
  if (proc?.exitCode === null) proc.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
});

test("npm start in demo mode brings up the simulator, the demo accounts and the console", async ({ request }, testInfo) => {
  test.setTimeout(240_000); // it builds first when the sources are newer than the e2e build
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), SIMULATOR_PORT: String(SIM_PORT), DATA_DIR: dataDir };
  for (const k of ["CODEARTS_ENDPOINT", "CLOUD_SDK_AK", "CLOUD_SDK_SK", "IAM_ENDPOINT", "DATABASE_URL", "NEXTAUTH_URL", "NEXTAUTH_SECRET", "DEMO_PASSWORD"]) {
    delete env[k];
  }
  proc = spawn(process.execPath, ["scripts/start.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  proc.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  proc.on("exit", (code) => (out += `\n[start.mjs exited with ${code}]`));
  // Up (200), or the start gave up (-1): either ends the wait; the output is attached when it is not up.
  let status = 0;
  await expect
    .poll(
      async () => {
        try {
          status = (await request.get(`${BASE}/api/health`)).status();
        } catch {
          status = proc?.exitCode === null ? 0 : -1;
        }
        return status;
      },
      { timeout: 220_000, intervals: [500] },
    )
    .not.toBe(0)
    .catch(() => {});
  if (status !== 200) await testInfo.attach("npm start (demo) output", { body: out, contentType: "text/plain" });
  expect(status, out.slice(-2000)).toBe(200);
  expect(await (await request.get(`${BASE}/api/health`)).json()).toEqual({ status: "ok", mode: "demo" });
  expect((await request.get(`${BASE}/api/apps`)).status()).toBe(401);

  // The demo developer signs in with the documented password (no NEXTAUTH_URL or secret needed in demo mode).
  expect(await signInViaApi(request, "dev@demo.local", "wrong-password", { baseURL: BASE })).toBe("CredentialsSignin");
  expect(await signInViaApi(request, "dev@demo.local", "codearts-demo", { baseURL: BASE })).toBeNull();
  const apps = (await (await request.get(`${BASE}/api/apps?size=100`)).json()) as { total: number; items: { access: { canDeploy: boolean } }[] };
  expect(apps.total).toBeGreaterThanOrEqual(12);
  expect(apps.items.some((a) => a.access.canDeploy)).toBe(true);
  expect(apps.items.some((a) => !a.access.canDeploy)).toBe(true);
  const me = (await (await request.get(`${BASE}/api/me`)).json()) as { user: { email: string; isAdmin: boolean } };
  expect(me.user).toMatchObject({ email: "dev@demo.local", isAdmin: false });

  // The generated session secret and the SQLite database live in DATA_DIR; the secret is readable by its owner only.
  expect(statSync(join(dataDir, "nextauth-secret")).mode & 0o777).toBe(0o600);
  expect(statSync(join(dataDir, "console.sqlite")).isFile()).toBe(true);
  await expect.poll(() => out, { timeout: 10_000 }).toContain(`http://localhost:${PORT}`);
});
