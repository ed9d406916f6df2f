import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, loadDatabaseConfig, loadEnv } from "./env-schema";

const CLOUD = {
  CODEARTS_ENDPOINT: "https://codearts-deploy.cn-north-4.myhuaweicloud.com",
  CODEARTS_PROJECT_ID: "0b5d8e4c2a7f4d0e9c3b1a2f6e8d7c5b",
  CLOUD_SDK_AK: "AK",
  CLOUD_SDK_SK: "SK",
  NEXTAUTH_URL: "https://deploy.example.com",
  NEXTAUTH_SECRET: "s".repeat(32),
};

const problems = (vars: Record<string, string | undefined>) => {
  try {
    loadEnv(vars);
    return [];
  } catch (e) {
    if (e instanceof EnvError) return e.problems;
    throw e;
  }
};

describe("environment: sign-in and database", () => {
  it("runs the demo without any auth settings: demo accounts on, a generated secret, SQLite under ./data", () => {
    const e = loadEnv({});
    expect(e.mode).toBe("demo");
    expect(e.auth).toEqual({ url: null, secret: null, secureCookies: false, oidc: null, demoPassword: "codearts-demo" });
    expect(e.database).toEqual({ kind: "sqlite", file: resolve("data/console.sqlite") });
    expect(loadEnv({ DEMO_PASSWORD: "another-one" }).auth.demoPassword).toBe("another-one");
  });

  it("requires NEXTAUTH_SECRET and NEXTAUTH_URL with a real endpoint, one line each", () => {
    const p = problems({ ...CLOUD, NEXTAUTH_SECRET: undefined, NEXTAUTH_URL: undefined });
    expect(p).toHaveLength(2);
    expect(p[0]).toMatch(/^NEXTAUTH_SECRET: required with CODEARTS_ENDPOINT/);
    expect(p[1]).toMatch(/^NEXTAUTH_URL: required with CODEARTS_ENDPOINT/);
    expect(problems({ ...CLOUD, NEXTAUTH_SECRET: "short" })).toEqual([expect.stringMatching(/^NEXTAUTH_SECRET: must be at least 32/)]);
  });

  it("turns the demo accounts off in cloud mode and secures cookies under https", () => {
    const e = loadEnv({ ...CLOUD, DEMO_PASSWORD: "ignored-here" });
    expect(e.mode).toBe("cloud");
    expect(e.auth.demoPassword).toBeNull();
    expect(e.auth.secureCookies).toBe(true);
    expect(loadEnv({ ...CLOUD, NEXTAUTH_URL: "http://localhost:3000" }).auth.secureCookies).toBe(false);
  });

  it("configures OIDC only with issuer, client id and secret together", () => {
    expect(problems({ OIDC_ISSUER: "https://sso.example.com/realms/x" })).toEqual([
      expect.stringMatching(/^OIDC_CLIENT_ID: required/),
      expect.stringMatching(/^OIDC_CLIENT_SECRET: required/),
    ]);
    const e = loadEnv({ OIDC_ISSUER: "https://sso.example.com/realms/x/", OIDC_CLIENT_ID: "console", OIDC_CLIENT_SECRET: "s" });
    expect(e.auth.oidc).toEqual({
      issuer: "https://sso.example.com/realms/x",
      clientId: "console",
      clientSecret: "s",
      groupsClaim: "groups",
      name: "Single sign-on",
    });
    expect(problems({ OIDC_ISSUER: "sso.example.com" })[0]).toMatch(/^OIDC_ISSUER: /);
  });

  it.each([
    ["postgres://u:p@db:5432/console", { kind: "postgres", url: "postgres://u:p@db:5432/console" }],
    ["postgresql://db/console", { kind: "postgres", url: "postgresql://db/console" }],
    ["file:./tmp/c.sqlite", { kind: "sqlite", file: resolve("tmp/c.sqlite") }],
    ["file:///var/lib/console/c.sqlite", { kind: "sqlite", file: "/var/lib/console/c.sqlite" }],
    ["/var/lib/console/c.sqlite", { kind: "sqlite", file: "/var/lib/console/c.sqlite" }],
  ])("reads DATABASE_URL %s", (url, db) => {
    expect(loadEnv({ DATABASE_URL: url }).database).toEqual(db);
    expect(loadDatabaseConfig({ DATABASE_URL: url })).toEqual(db);
  });

  it("refuses other database URLs with one clear line", () => {
    expect(problems({ DATABASE_URL: "mysql://db/console" })).toEqual([
      "DATABASE_URL: must be postgres://…, postgresql://…, file:<path> or a file path (SQLite)",
    ]);
    expect(loadDatabaseConfig({ DATA_DIR: "/srv/console" })).toEqual({ kind: "sqlite", file: "/srv/console/console.sqlite" });
  });
});

describe("environment: operations", () => {
  it("turns metrics on with a METRICS_TOKEN of 16 characters or more; refuses a short one and an unknown LOG_LEVEL", () => {
    expect(loadEnv({}).metricsToken).toBeNull();
    expect(loadEnv({ METRICS_TOKEN: "m".repeat(16) }).metricsToken).toBe("m".repeat(16));
    expect(problems({ METRICS_TOKEN: "short" })).toEqual([expect.stringMatching(/^METRICS_TOKEN: must be at least 16/)]);
    expect(problems({ LOG_LEVEL: "verbose" })).toEqual([expect.stringMatching(/^LOG_LEVEL: must be one of debug, info, warn, error/)]);
    expect(problems({ LOG_LEVEL: "warn", SHUTDOWN_TIMEOUT_MS: "25000" })).toEqual([]);
    expect(problems({ SHUTDOWN_TIMEOUT_MS: "soon" })).toEqual([expect.stringMatching(/^SHUTDOWN_TIMEOUT_MS: /)]);
  });
});
