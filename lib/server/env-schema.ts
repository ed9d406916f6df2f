/**
 * Server environment: parsed once, with one clear message per bad variable. Pure (takes the variables as an
 * argument) so the start script and unit tests can use it too; lib/server/env.ts is the cached accessor.
 */
import { isIP } from "node:net";
import { resolve } from "node:path";
import { z } from "zod";
import { ID_PATTERN } from "../codearts/schemas";
import type { CodeArtsConfig, Credentials } from "../codearts/config";
import { DEMO_AK, DEMO_CODEARTS_PROJECT_ID, DEMO_IAM_PROJECT_ID, DEMO_REGION, DEMO_SK } from "../codearts/demo";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const httpUrl = z
  .string()
  .url("must be an http(s) URL, e.g. https://codearts-deploy.cn-north-4.myhuaweicloud.com")
  .refine((v) => /^https?:\/\//.test(v), "must start with http:// or https://")
  .transform((v) => v.replace(/\/+$/, ""));

/** One address or CIDR block (`10.0.0.0/8`, `::1`, `fd00::/8`). */
function proxyEntryProblem(entry: string): string | null {
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return `"${entry}" is not an IP address or CIDR block`;
  if (prefix === undefined) return null;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128) ? null : `"${entry}": the prefix length must be 0–${family === 4 ? 32 : 128}`;
}

/** TRUSTED_PROXIES: comma-separated addresses and CIDR blocks of the reverse proxies in front of the console. */
const proxyList = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .superRefine((entries, ctx) => {
    for (const entry of entries) {
      const problem = proxyEntryProblem(entry);
      if (problem) ctx.addIssue({ code: "custom", message: `${problem} (e.g. TRUSTED_PROXIES=127.0.0.1,10.0.0.0/8)` });
    }
  });

const rawSchema = z.object({
  CODEARTS_ENDPOINT: optionalString.pipe(httpUrl.optional()),
  CODEARTS_REGION: optionalString,
  CODEARTS_PROJECT_ID: optionalString.pipe(z.string().regex(ID_PATTERN, "must be the 32-character CodeArts project id (0-9, a-z)").optional()),
  CODEARTS_TIMEOUT_MS: optionalString.pipe(z.coerce.number<string | undefined>().int().min(100).max(300_000).optional()),
  LEDGER_RECONCILE_INTERVAL_MS: optionalString.pipe(z.coerce.number<string | undefined>().int().min(500).max(3_600_000).optional()),
  CODEARTS_UTC_OFFSET: optionalString.pipe(
    z
      .string()
      .regex(/^[+-]\d{2}:\d{2}$/, "must look like +08:00")
      .optional(),
  ),
  CLOUD_SDK_AK: optionalString,
  CLOUD_SDK_SK: optionalString,
  CLOUD_SDK_SECURITY_TOKEN: optionalString,
  CLOUD_SDK_PROJECT_ID: optionalString,
  IAM_ENDPOINT: optionalString.pipe(httpUrl.optional()),
  IAM_DOMAIN_NAME: optionalString,
  IAM_USER_NAME: optionalString,
  IAM_PASSWORD: optionalString,
  SIMULATOR_PORT: optionalString.pipe(z.coerce.number<string | undefined>().int().min(1).max(65535).optional()),
  SIMULATOR_HOST: optionalString,
  NODE_ENV: optionalString,
  DATA_DIR: optionalString,
  DATABASE_URL: optionalString,
  NEXTAUTH_URL: optionalString.pipe(httpUrl.optional()),
  NEXTAUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 random characters (e.g. the output of `openssl rand -base64 32`)").optional()),
  OIDC_ISSUER: optionalString.pipe(httpUrl.optional()),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_GROUPS_CLAIM: optionalString,
  OIDC_NAME: optionalString.pipe(z.string().max(64, "must be at most 64 characters").optional()),
  DEMO_PASSWORD: optionalString.pipe(z.string().min(8, "must be at least 8 characters").optional()),
  TRUSTED_PROXIES: optionalString.pipe(proxyList.optional()),
  PORT: optionalString.pipe(z.coerce.number<string | undefined>().int().min(1).max(65535).optional()),
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .refine(
        (v) => URL.canParse(v) && /^smtps?:$/.test(new URL(v).protocol),
        "must be an smtp:// or smtps:// URL, e.g. smtps://user:password@smtp.example.com:465",
      )
      .optional(),
  ),
  NOTIFY_MAIL_FROM: optionalString.pipe(z.string().max(320).optional()),
  NOTIFY_INTERVAL_MS: optionalString.pipe(z.coerce.number<string | undefined>().int().min(100).max(600_000).optional()),
  LOG_LEVEL: optionalString.pipe(z.enum(["debug", "info", "warn", "error"], "must be one of debug, info, warn, error").optional()),
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 random characters (e.g. the output of `openssl rand -hex 16`)").optional()),
  SHUTDOWN_TIMEOUT_MS: optionalString.pipe(z.coerce.number<string | undefined>().int().min(0).max(600_000).optional()),
});

/** SQLite file (the default, under DATA_DIR) or PostgreSQL (DATABASE_URL=postgres://…). */
export type DatabaseConfig = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The claim whose values name console teams (teams.oidc_group). */
  groupsClaim: string;
  /** The button label on the sign-in page. */
  name: string;
}

export interface AuthConfig {
  /** NEXTAUTH_URL; null in demo mode without it (the request's own host is trusted then). */
  url: string | null;
  /** NEXTAUTH_SECRET; null in demo mode without it (a generated one is kept under DATA_DIR). */
  secret: string | null;
  /** Secure cookies: NEXTAUTH_URL is https. */
  secureCookies: boolean;
  oidc: OidcConfig | null;
  /** The demo accounts' password; null in cloud mode (demo accounts are neither seeded nor accepted). */
  demoPassword: string | null;
}

export interface ServerEnv extends Omit<CodeArtsConfig, "retry"> {
  /** demo = the bundled simulator is the upstream. */
  mode: "demo" | "cloud";
  /** How often the deploy ledger's reconciler looks at open starts (LEDGER_RECONCILE_INTERVAL_MS, 30 s). */
  ledgerReconcileIntervalMs: number;
  simulatorPort: number;
  /** NODE_ENV is production (next build / next start). */
  production: boolean;
  /**
   * TRUSTED_PROXIES: the reverse proxies whose X-Forwarded-For entries are believed (addresses and CIDR blocks);
   * empty by default, when a request's client is the address of the socket it arrived on.
   */
  trustedProxies: string[];
  /** Where the default SQLite file and the generated demo secret live. */
  dataDir: string;
  database: DatabaseConfig;
  auth: AuthConfig;
  notify: NotifyConfig;
  /** METRICS_TOKEN: the bearer token of GET /api/metrics; null = the endpoint is off (404). */
  metricsToken: string | null;
}

/** Notifications (lib/server/notify): e-mail, the links messages carry, how often the watcher and dispatcher run. */
export interface NotifyConfig {
  /** SMTP_URL; null: no e-mail channel can send, no watcher e-mails. */
  smtpUrl: string | null;
  /** NOTIFY_MAIL_FROM (`CodeArts Deploy Console <deploy-console@localhost>`). */
  mailFrom: string;
  /** The console's public URL for links: NEXTAUTH_URL, or http://localhost:PORT in demo mode without it. */
  publicUrl: string;
  /** NOTIFY_INTERVAL_MS (2000): the watcher's and the dispatcher's tick. */
  intervalMs: number;
}

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid console configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

function parseOffset(v: string): number {
  const sign = v.startsWith("-") ? -1 : 1;
  const [h, m] = v.slice(1).split(":").map(Number);
  return sign * ((h ?? 0) * 60 + (m ?? 0));
}

const DEFAULT_DEMO_PASSWORD = "codearts-demo";
const DEFAULT_DATA_DIR = "./data";
const SQLITE_FILE_NAME = "console.sqlite";

/** DATABASE_URL: postgres://… or postgresql://… is PostgreSQL; `file:<path>` or a plain path is SQLite. */
function parseDatabaseUrl(value: string | undefined, dataDir: string): DatabaseConfig | string {
  if (!value) return { kind: "sqlite", file: resolve(/*turbopackIgnore: true*/ dataDir, SQLITE_FILE_NAME) };
  if (/^postgres(ql)?:\/\//i.test(value)) {
    try {
      new URL(value);
    } catch {
      return "DATABASE_URL: is not a valid postgres:// URL";
    }
    return { kind: "postgres", url: value };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !value.startsWith("file:")) {
    return "DATABASE_URL: must be postgres://…, postgresql://…, file:<path> or a file path (SQLite)";
  }
  const path = value.startsWith("file:") ? value.slice("file:".length).replace(/^\/\/(?=\/)/, "") : value;
  if (!path) return "DATABASE_URL: file: needs a path, e.g. file:./data/console.sqlite";
  return { kind: "sqlite", file: resolve(/*turbopackIgnore: true*/ path) };
}

/** The database settings alone (for scripts such as user:add that do not talk to the cloud). */
export function loadDatabaseConfig(vars: Record<string, string | undefined>): DatabaseConfig {
  const dataDir = resolve(/*turbopackIgnore: true*/ vars.DATA_DIR?.trim() || DEFAULT_DATA_DIR);
  const db = parseDatabaseUrl(vars.DATABASE_URL?.trim() || undefined, dataDir);
  if (typeof db === "string") throw new EnvError([db]);
  return db;
}

type Raw = z.infer<typeof rawSchema>;

function authConfig(e: Raw, mode: ServerEnv["mode"], problems: string[]): AuthConfig {
  if (mode === "cloud") {
    if (!e.NEXTAUTH_SECRET) {
      problems.push("NEXTAUTH_SECRET: required with CODEARTS_ENDPOINT (at least 32 random characters, e.g. `openssl rand -base64 32`)");
    }
    if (!e.NEXTAUTH_URL) problems.push("NEXTAUTH_URL: required with CODEARTS_ENDPOINT (the console's public URL, e.g. https://deploy.example.com)");
  }
  let oidc: OidcConfig | null = null;
  if (e.OIDC_ISSUER || e.OIDC_CLIENT_ID || e.OIDC_CLIENT_SECRET) {
    for (const k of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
      if (!e[k]) problems.push(`${k}: required for OIDC sign-in (set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together)`);
    }
    if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET) {
      oidc = {
        issuer: e.OIDC_ISSUER,
        clientId: e.OIDC_CLIENT_ID,
        clientSecret: e.OIDC_CLIENT_SECRET,
        groupsClaim: e.OIDC_GROUPS_CLAIM ?? "groups",
        name: e.OIDC_NAME ?? "Single sign-on",
      };
    }
  }
  return {
    url: e.NEXTAUTH_URL ?? null,
    secret: e.NEXTAUTH_SECRET ?? null,
    secureCookies: (e.NEXTAUTH_URL ?? "").startsWith("https://"),
    oidc,
    demoPassword: mode === "demo" ? (e.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD) : null,
  };
}

export function loadEnv(vars: Record<string, string | undefined>): ServerEnv {
  const parsed = rawSchema.safeParse(vars);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const simulatorPort = e.SIMULATOR_PORT ?? 9100;
  const timeoutMs = e.CODEARTS_TIMEOUT_MS ?? 15_000;
  // Huawei Cloud's zone-less time strings are Beijing time in the Chinese regions (assumption, configurable).
  const upstreamUtcOffsetMinutes = parseOffset(e.CODEARTS_UTC_OFFSET ?? "+08:00");
  const dataDir = resolve(/*turbopackIgnore: true*/ e.DATA_DIR ?? DEFAULT_DATA_DIR);
  const database = parseDatabaseUrl(e.DATABASE_URL, dataDir);
  if (typeof database === "string") problems.push(database);
  const mode = e.CODEARTS_ENDPOINT ? "cloud" : "demo";
  const auth = authConfig(e, mode, problems);
  const ledgerReconcileIntervalMs = e.LEDGER_RECONCILE_INTERVAL_MS ?? 30_000;
  const common = {
    timeoutMs,
    ledgerReconcileIntervalMs,
    upstreamUtcOffsetMinutes,
    simulatorPort,
    production: e.NODE_ENV === "production",
    trustedProxies: e.TRUSTED_PROXIES ?? [],
    metricsToken: e.METRICS_TOKEN ?? null,
    dataDir,
    auth,
    notify: {
      smtpUrl: e.SMTP_URL ?? null,
      mailFrom: e.NOTIFY_MAIL_FROM ?? "CodeArts Deploy Console <deploy-console@localhost>",
      publicUrl: (e.NEXTAUTH_URL ?? `http://localhost:${e.PORT ?? 3000}`).replace(/\/+$/, ""),
      intervalMs: e.NOTIFY_INTERVAL_MS ?? 2_000,
    },
  };

  if (!e.CODEARTS_ENDPOINT) {
    if (problems.length > 0 || typeof database === "string") throw new EnvError(problems);
    const host = e.SIMULATOR_HOST ?? "127.0.0.1";
    const sim = `http://${host}:${simulatorPort}`;
    return {
      mode: "demo",
      endpoint: sim,
      iamEndpoint: sim,
      region: DEMO_REGION,
      codeartsProjectId: DEMO_CODEARTS_PROJECT_ID,
      iamProjectId: DEMO_IAM_PROJECT_ID,
      credentials: { kind: "aksk", ak: DEMO_AK, sk: DEMO_SK },
      database,
      ...common,
    };
  }

  const region = e.CODEARTS_REGION ?? /codearts-deploy\.([a-z0-9-]+)\./.exec(e.CODEARTS_ENDPOINT)?.[1];
  if (!region) problems.push("CODEARTS_REGION: required when it cannot be read from CODEARTS_ENDPOINT");
  if (!e.CODEARTS_PROJECT_ID) {
    problems.push("CODEARTS_PROJECT_ID: required with CODEARTS_ENDPOINT (the CodeArts project id, not the IAM one)");
  }

  let credentials: Credentials | undefined;
  const hasAkSk = Boolean(e.CLOUD_SDK_AK || e.CLOUD_SDK_SK);
  const hasToken = Boolean(e.IAM_USER_NAME || e.IAM_PASSWORD || e.IAM_DOMAIN_NAME);
  if (hasAkSk) {
    if (!e.CLOUD_SDK_AK) problems.push("CLOUD_SDK_AK: required together with CLOUD_SDK_SK");
    if (!e.CLOUD_SDK_SK) problems.push("CLOUD_SDK_SK: required together with CLOUD_SDK_AK");
    if (e.CLOUD_SDK_AK && e.CLOUD_SDK_SK) {
      credentials = { kind: "aksk", ak: e.CLOUD_SDK_AK, sk: e.CLOUD_SDK_SK, securityToken: e.CLOUD_SDK_SECURITY_TOKEN };
    }
  } else if (hasToken) {
    for (const k of ["IAM_DOMAIN_NAME", "IAM_USER_NAME", "IAM_PASSWORD"] as const) {
      if (!e[k]) problems.push(`${k}: required for IAM token mode`);
    }
    if (e.IAM_DOMAIN_NAME && e.IAM_USER_NAME && e.IAM_PASSWORD) {
      credentials = { kind: "token", domainName: e.IAM_DOMAIN_NAME, userName: e.IAM_USER_NAME, password: e.IAM_PASSWORD };
    }
  } else {
    problems.push("credentials: set CLOUD_SDK_AK and CLOUD_SDK_SK (AK/SK mode) or IAM_DOMAIN_NAME, IAM_USER_NAME and IAM_PASSWORD (token mode)");
  }
  if (problems.length > 0 || !credentials || !region || !e.CODEARTS_PROJECT_ID || typeof database === "string") {
    throw new EnvError(problems);
  }

  return {
    mode: "cloud",
    endpoint: e.CODEARTS_ENDPOINT,
    iamEndpoint: e.IAM_ENDPOINT ?? `https://iam.${region}.myhuaweicloud.com`,
    region,
    codeartsProjectId: e.CODEARTS_PROJECT_ID,
    iamProjectId: e.CLOUD_SDK_PROJECT_ID,
    credentials,
    database,
    ...common,
  };
}
