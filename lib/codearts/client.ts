/**
 * Authenticated access to CodeArts Deploy: AK/SK signing or IAM token mode, IAM project discovery, and the
 * single retry on an expired token. Everything above this file speaks in operations, not in auth.
 */
import type { z } from "zod";
import type { ServerEnv } from "../server/env-schema";
import { CodeArtsError } from "./errors";
import { type Auth, type CallSpec, call, callRaw } from "./http";
import { iamProjectsResponseSchema, iamTokenResponseSchema } from "./schemas";

export type CodeArtsConfig = Pick<
  ServerEnv,
  "endpoint" | "iamEndpoint" | "region" | "codeartsProjectId" | "iamProjectId" | "credentials" | "timeoutMs" | "upstreamUtcOffsetMinutes"
>;

type Spec<S extends z.ZodType> = Omit<CallSpec<S>, "base" | "timeoutMs"> & { timeoutMs?: number };

/** Renew a token this long before it expires (IAM tokens live 24 h). */
const TOKEN_RENEW_MARGIN_MS = 60 * 60 * 1000;

export class CodeArtsClient {
  private token: { value: string; expiresAt: number } | null = null;
  private tokenPromise: Promise<string> | null = null;
  private projectIdPromise: Promise<string> | null = null;

  constructor(readonly config: CodeArtsConfig) {}

  /** A CodeArts Deploy call: authenticated, parsed, typed errors; one token renewal on "token expires". */
  async deploy<S extends z.ZodType>(spec: Spec<S>): Promise<z.infer<S>> {
    const full = { ...spec, base: this.config.endpoint, timeoutMs: spec.timeoutMs ?? this.config.timeoutMs };
    const auth = await this.auth();
    try {
      return await call(full, auth);
    } catch (err) {
      if (auth.kind === "token" && err instanceof CodeArtsError && err.status === 401 && err.errorCode === "APIGW.0301") {
        this.token = null;
        return call(full, await this.auth());
      }
      throw err;
    }
  }

  private async auth(): Promise<Auth> {
    const c = this.config.credentials;
    if (c.kind === "aksk") {
      return { kind: "aksk", ak: c.ak, sk: c.sk, securityToken: c.securityToken, projectId: await this.iamProjectId() };
    }
    return { kind: "token", token: await this.currentToken(), projectId: this.config.iamProjectId };
  }

  /** The IAM project id for X-Project-Id: configured, or looked up once by region name. */
  iamProjectId(): Promise<string> {
    if (this.config.iamProjectId) return Promise.resolve(this.config.iamProjectId);
    this.projectIdPromise ??= this.discoverProjectId().catch((err: unknown) => {
      this.projectIdPromise = null;
      throw err;
    });
    return this.projectIdPromise;
  }

  private async discoverProjectId(): Promise<string> {
    const c = this.config.credentials;
    const auth: Auth =
      c.kind === "aksk"
        ? { kind: "aksk", ak: c.ak, sk: c.sk, securityToken: c.securityToken }
        : { kind: "token", token: await this.currentToken() };
    const answer = await call(
      {
        operation: "KeystoneListProjects",
        method: "GET",
        base: this.config.iamEndpoint,
        path: "/v3/projects",
        query: { name: this.config.region },
        schema: iamProjectsResponseSchema,
        timeoutMs: this.config.timeoutMs,
      },
      auth,
    );
    const matches = answer.projects.filter((p) => p.name === this.config.region);
    if (matches.length !== 1 || !matches[0]) {
      throw new CodeArtsError("malformed", "KeystoneListProjects", 200, null,
        `expected one IAM project named ${this.config.region}, found ${matches.length}; set CLOUD_SDK_PROJECT_ID`, null);
    }
    return matches[0].id;
  }

  private currentToken(): Promise<string> {
    if (this.token && this.token.expiresAt - TOKEN_RENEW_MARGIN_MS > Date.now()) return Promise.resolve(this.token.value);
    this.tokenPromise ??= this.fetchToken().finally(() => {
      this.tokenPromise = null;
    });
    return this.tokenPromise;
  }

  private async fetchToken(): Promise<string> {
    const c = this.config.credentials;
    if (c.kind !== "token") throw new Error("token requested in AK/SK mode");
    const scope = this.config.iamProjectId ? { project: { id: this.config.iamProjectId } } : { project: { name: this.config.region } };
    const raw = await callRaw(
      {
        operation: "KeystoneCreateUserTokenByPassword",
        method: "POST",
        base: this.config.iamEndpoint,
        path: "/v3/auth/tokens",
        query: { nocatalog: "true" },
        headers: { "Content-Type": "application/json;charset=utf8" },
        body: {
          auth: {
            identity: {
              methods: ["password"],
              password: { user: { name: c.userName, password: c.password, domain: { name: c.domainName } } },
            },
            scope,
          },
        },
        schema: iamTokenResponseSchema,
        timeoutMs: this.config.timeoutMs,
      },
      { kind: "none" },
    );
    const value = raw.headers.get("x-subject-token");
    const body = iamTokenResponseSchema.safeParse(raw.json);
    if (!value || !body.success) {
      throw new CodeArtsError("malformed", "KeystoneCreateUserTokenByPassword", raw.status, null, "no X-Subject-Token in the IAM answer", raw.requestId);
    }
    const expiresAt = Date.parse(body.data.token.expires_at);
    this.token = { value, expiresAt: Number.isFinite(expiresAt) ? expiresAt : Date.now() + 23 * 3600_000 };
    if (!this.config.iamProjectId && body.data.token.project?.id) {
      this.projectIdPromise ??= Promise.resolve(body.data.token.project.id);
    }
    return value;
  }
}
