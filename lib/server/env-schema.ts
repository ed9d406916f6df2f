/**
 * Server environment: parsed once, with one clear message per bad variable. Pure (takes the variables as an
 * argument) so the start script and unit tests can use it too; lib/server/env.ts is the cached accessor.
 */
import { z } from "zod";
import { ID_PATTERN } from "../codearts/schemas";
import {
  DEMO_AK,
  DEMO_CODEARTS_PROJECT_ID,
  DEMO_IAM_PROJECT_ID,
  DEMO_REGION,
  DEMO_SK,
} from "../codearts/simulator/demo";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const httpUrl = z
  .string()
  .url("must be an http(s) URL, e.g. https://codearts-deploy.cn-north-4.myhuaweicloud.com")
  .refine((v) => /^https?:\/\//.test(v), "must start with http:// or https://")
  .transform((v) => v.replace(/\/+$/, ""));

const rawSchema = z.object({
  CODEARTS_ENDPOINT: optionalString.pipe(httpUrl.optional()),
  CODEARTS_REGION: optionalString,
  CODEARTS_PROJECT_ID: optionalString.pipe(
    z.string().regex(ID_PATTERN, "must be the 32-character CodeArts project id (0-9, a-z)").optional(),
  ),
  CODEARTS_TIMEOUT_MS: optionalString.pipe(z.coerce.number<string | undefined>().int().min(100).max(300_000).optional()),
  CODEARTS_UTC_OFFSET: optionalString.pipe(
    z.string().regex(/^[+-]\d{2}:\d{2}$/, "must look like +08:00").optional(),
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
});

export type Credentials =
  | { kind: "aksk"; ak: string; sk: string; securityToken?: string }
  | { kind: "token"; domainName: string; userName: string; password: string };

export interface ServerEnv {
  /** demo = the bundled simulator is the upstream. */
  mode: "demo" | "cloud";
  endpoint: string;
  iamEndpoint: string;
  region: string;
  /** CodeArts project id (paths and bodies of Deploy APIs). */
  codeartsProjectId: string;
  /** IAM project id (X-Project-Id / token scope); discovered through IAM when absent. */
  iamProjectId?: string;
  credentials: Credentials;
  timeoutMs: number;
  /** Offset of the zone-less upstream time strings, in minutes east of UTC. */
  upstreamUtcOffsetMinutes: number;
  simulatorPort: number;
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

  if (!e.CODEARTS_ENDPOINT) {
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
      timeoutMs,
      upstreamUtcOffsetMinutes,
      simulatorPort,
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
    problems.push(
      "credentials: set CLOUD_SDK_AK and CLOUD_SDK_SK (AK/SK mode) or IAM_DOMAIN_NAME, IAM_USER_NAME and IAM_PASSWORD (token mode)",
    );
  }
  if (problems.length > 0 || !credentials || !region || !e.CODEARTS_PROJECT_ID) throw new EnvError(problems);

  return {
    mode: "cloud",
    endpoint: e.CODEARTS_ENDPOINT,
    iamEndpoint: e.IAM_ENDPOINT ?? `https://iam.${region}.myhuaweicloud.com`,
    region,
    codeartsProjectId: e.CODEARTS_PROJECT_ID,
    iamProjectId: e.CLOUD_SDK_PROJECT_ID,
    credentials,
    timeoutMs,
    upstreamUtcOffsetMinutes,
    simulatorPort,
  };
}
