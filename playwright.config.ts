import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import { OIDC } from "./e2e/oidc/config";
import { DEMO_CODEARTS_PROJECT_ID, DEMO_REGION } from "./lib/codearts/demo";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./scripts/chromium-args.mjs";

// The e2e run has its own ports so it never talks to a console a developer left running.
const PORT = Number(process.env.E2E_PORT ?? 3210);
const SIMULATOR_PORT = Number(process.env.E2E_SIMULATOR_PORT ?? 9210);
export const SIMULATOR_URL = `http://127.0.0.1:${SIMULATOR_PORT}`;
export const SIMULATOR_ADMIN_TOKEN = "e2e-simulator-admin";
/** next-auth's cookies are host-bound: the browser's host (baseURL) must be NEXTAUTH_URL's host. */
export const CONSOLE_URL = `http://localhost:${PORT}`;

/**
 * The console under test runs in cloud mode — exactly as against Huawei Cloud — with canary credentials that
 * the simulator accepts; the build happens with them in the environment, and e2e/secrets.spec.ts proves they
 * appear nowhere in the browser bundle or any API answer.
 */
/** The e2e console's log (all of it), checked for secrets after the run. */
process.env.E2E_CONSOLE_LOG ??= join(tmpdir(), `codearts-console-e2e-${process.pid}.log`);
export const E2E_CONSOLE_LOG = process.env.E2E_CONSOLE_LOG;

/** The scraper's bearer token of GET /api/metrics in the e2e console. */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789abcdef";

export const CANARY = { ak: "CANARYAK7Q2XW9E4R5T6Y8", sk: "canary-sk-5d9f1b7e3a2c4680bd19e7f3a6c2d8b4" };

/**
 * The e2e database: the throwaway PostgreSQL of `npm test` when TEST_DATABASE_URL is set (so both dialects see
 * real traffic), else a fresh SQLite file. Set once in the environment: the worker processes that load this
 * config again inherit the same value.
 */
process.env.E2E_DATABASE_URL ??= process.env.TEST_DATABASE_URL || `file:${join(tmpdir(), `codearts-console-e2e-${process.pid}.sqlite`)}`;
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made once per run (the workers that load this config again
 * inherit the directory): the notification receivers of e2e/notifications.spec.ts serve HTTPS with it, because a
 * console in cloud mode refuses http:// channel URLs. The console trusts it through NODE_EXTRA_CA_CERTS (read by
 * Node at start-up; its fetch, undici, uses the same root store) — nothing in the console's code knows of it.
 */
process.env.E2E_TLS_DIR ??= join(tmpdir(), `codearts-console-e2e-tls-${process.pid}`);
export const E2E_TLS = { key: join(process.env.E2E_TLS_DIR, "key.pem"), cert: join(process.env.E2E_TLS_DIR, "cert.pem") };
if (!existsSync(E2E_TLS.cert) || !existsSync(E2E_TLS.key)) {
  mkdirSync(process.env.E2E_TLS_DIR, { recursive: true });
  try {
    // Key first, certificate last: the certificate's presence means both are complete.
    execFileSync(
      "openssl",
      [
        ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2"],
        ...["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        ...["-keyout", E2E_TLS.key, "-out", `${E2E_TLS.cert}.tmp`],
      ],
      { stdio: "pipe" },
    );
    renameSync(`${E2E_TLS.cert}.tmp`, E2E_TLS.cert);
  } catch (err) {
    throw new Error(`The end-to-end tests need openssl for a local TLS certificate (apt-get install -y openssl): ${String(err)}`);
  }
}

/**
 * The console's environment under test (also used by e2e specs that start more console processes on other ports
 * against the same database and simulator — the deploy ledger's scale-out and crash tests).
 */
export const CONSOLE_ENV: Record<string, string> = {
  CODEARTS_ENDPOINT: SIMULATOR_URL,
  CODEARTS_REGION: DEMO_REGION,
  CODEARTS_PROJECT_ID: DEMO_CODEARTS_PROJECT_ID,
  IAM_ENDPOINT: SIMULATOR_URL, // the IAM project id is discovered through it
  CLOUD_SDK_AK: CANARY.ak,
  CLOUD_SDK_SK: CANARY.sk,
  NEXTAUTH_URL: CONSOLE_URL,
  NEXTAUTH_SECRET: "e2e-nextauth-secret-not-for-production-0123456789",
  DATABASE_URL: E2E_DATABASE_URL,
  OIDC_ISSUER: OIDC.issuer,
  OIDC_CLIENT_ID: OIDC.clientId,
  OIDC_CLIENT_SECRET: OIDC.clientSecret,
  OIDC_NAME: OIDC.name,
  NEXT_TELEMETRY_DISABLED: "1",
  // The specs play the reverse proxy from loopback: they name the client in X-Forwarded-For (own sign-in
  // budgets per spec). e2e/client-address.spec.ts runs a console that trusts no proxy.
  TRUSTED_PROXIES: "127.0.0.1,::1",
  // The notification receivers' certificate (above).
  NODE_EXTRA_CA_CERTS: E2E_TLS.cert,
  // GET /api/metrics is on (e2e/operations.spec.ts); it is off without this.
  METRICS_TOKEN: E2E_METRICS_TOKEN,
};

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  // Seeds the e2e users, teams and grants into the console's database (after the servers started and migrated).
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL: CONSOLE_URL,
    locale: "en-US",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    // Specs sign in as the deployer unless they pick another storage state (e2e/users.ts).
    { name: "chromium", dependencies: ["setup"], use: { storageState: "e2e/.auth/dev.json" } },
  ],
  webServer: [
    {
      command: "node --import tsx lib/codearts/simulator/main.ts",
      url: `${SIMULATOR_URL}/__sim/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: {
        SIMULATOR_PORT: String(SIMULATOR_PORT),
        // The simulator's default pace: a record runs 6–9 s, long enough for a test to open it and press stop.
        SIMULATOR_STEP_MS: "1500",
        SIMULATOR_ADMIN_TOKEN,
        SIMULATOR_EXTRA_AK: CANARY.ak,
        SIMULATOR_EXTRA_SK: CANARY.sk,
      },
    },
    {
      command: "node --import tsx e2e/oidc/server.ts",
      url: `${OIDC.issuer}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
    },
    {
      // Its whole log is kept too: e2e/global-teardown.ts searches it for every secret the run used.
      command: `node e2e/log-tee.mjs ${E2E_CONSOLE_LOG} node scripts/start.mjs`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { PORT: String(PORT), ...CONSOLE_ENV },
    },
  ],
});
