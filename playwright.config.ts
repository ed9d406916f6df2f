import { defineConfig } from "@playwright/test";
import { DEMO_CODEARTS_PROJECT_ID, DEMO_REGION } from "./lib/codearts/simulator/demo";

// The e2e run has its own ports so it never talks to a console a developer left running.
const PORT = Number(process.env.E2E_PORT ?? 3210);
const SIMULATOR_PORT = Number(process.env.E2E_SIMULATOR_PORT ?? 9210);
export const SIMULATOR_URL = `http://127.0.0.1:${SIMULATOR_PORT}`;
export const SIMULATOR_ADMIN_TOKEN = "e2e-simulator-admin";

/**
 * The console under test runs in cloud mode — exactly as against Huawei Cloud — with canary credentials that
 * the simulator accepts; the build happens with them in the environment, and e2e/secrets.spec.ts proves they
 * appear nowhere in the browser bundle or any API answer.
 */
export const CANARY = { ak: "CANARYAK7Q2XW9E4R5T6Y8", sk: "canary-sk-5d9f1b7e3a2c4680bd19e7f3a6c2d8b4" };

const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "en-US",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
  },
  webServer: [
    {
      command: "node --import tsx lib/codearts/simulator/main.ts",
      url: `${SIMULATOR_URL}/__sim/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: {
        SIMULATOR_PORT: String(SIMULATOR_PORT),
        SIMULATOR_STEP_MS: "700",
        SIMULATOR_ADMIN_TOKEN,
        SIMULATOR_EXTRA_AK: CANARY.ak,
        SIMULATOR_EXTRA_SK: CANARY.sk,
      },
    },
    {
      command: "node scripts/start.mjs",
      url: `http://127.0.0.1:${PORT}/api/health`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(PORT),
        CODEARTS_ENDPOINT: SIMULATOR_URL,
        CODEARTS_REGION: DEMO_REGION,
        CODEARTS_PROJECT_ID: DEMO_CODEARTS_PROJECT_ID,
        IAM_ENDPOINT: SIMULATOR_URL, // the IAM project id is discovered through it
        CLOUD_SDK_AK: CANARY.ak,
        CLOUD_SDK_SK: CANARY.sk,
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  ],
});
