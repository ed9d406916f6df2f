/**
 * Authenticated access to CodeArts Deploy: AK/SK signing or IAM token mode, IAM project discovery, the one retry
 * policy (lib/codearts/retry.ts) and the single renewal on a rejected token. Everything above this file speaks
 * in operations, not in auth or retries. Nothing here logs: events go to `onEvent`, without headers or bodies.
 */
import type { z } from "zod";
import type { CodeArtsConfig } from "./config";
import { CodeArtsError } from "./errors";
import { type Auth, type CallSpec, call, callRaw } from "./http";
import { attemptTimeoutMs, readRetryPolicy, retryDelay } from "./retry";
import { iamProjectsResponseSchema, iamTokenResponseSchema } from "./schemas";

type Spec<S extends z.ZodType> = Omit<CallSpec<S>, "base" | "timeoutMs"> & { timeoutMs?: number };

/** What the client tells its owner (for the server log): names, statuses, codes and request ids only. */
export type ClientEvent =
  | {
      kind: "retry";
      operation: string;
      /** The attempt that failed (1-based). */
      attempt: number;
      delayMs: number;
      failure: CodeArtsError["failure"];
      status: number;
      errorCode: string | null;
      requestId: string | null;
    }
  | { kind: "token_renewed"; reason: "expiring" | "rejected" }
  | {
      /** One HTTP attempt (IAM's included), whatever its end: "2xx", the status, or "0" when no answer came. */
      kind: "call";
      operation: string;
      status: string;
      errorCode: string | null;
      durationMs: number;
    };

export interface ClientOptions {
  /** Clock for token expiry and the retry deadline (tests move it). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** [0, 1), for back-off jitter. */
  random?: () => number;
  onEvent?: (event: ClientEvent) => void;
}

/** Renew a token this long before it expires: an hour for IAM's 24 h tokens, a tenth of shorter lifetimes. */
const TOKEN_RENEW_MARGIN_MS = 60 * 60 * 1000;
/** Assumed lifetime when IAM's times cannot be read (they are documented as 24 h). */
const FALLBACK_TOKEN_LIFETIME_MS = 23 * 3_600_000;

/** The gateway's "token expires" / "decrypt token fail" answer (older products spell the prefix APIG). */
const isRejectedToken = (err: unknown) =>
  err instanceof CodeArtsError && err.status === 401 && (err.errorCode === "APIGW.0301" || err.errorCode === "APIG.0301");

export class CodeArtsClient {
  private token: { value: string; renewAt: number } | null = null;
  private tokenPromise: Promise<string> | null = null;
  private tokenProjectId: string | undefined;
  private projectIdPromise: Promise<string> | null = null;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(
    readonly config: CodeArtsConfig,
    private readonly options: ClientOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  /**
   * A CodeArts Deploy call: authenticated, parsed, typed errors. Calls flagged `idempotent` are retried with
   * jittered back-off on transient failures within a deadline; others are sent once (plus one resend when the
   * gateway rejected the token, which proves the service never saw the request).
   */
  async deploy<S extends z.ZodType>(spec: Spec<S>): Promise<z.infer<S>> {
    const timeoutMs = spec.timeoutMs ?? this.config.timeoutMs;
    const policy = readRetryPolicy(timeoutMs, this.config.retry);
    const started = this.now();
    for (let retries = 0; ; retries++) {
      const elapsed = this.now() - started;
      const full = {
        ...spec,
        base: this.config.endpoint,
        timeoutMs: spec.idempotent ? attemptTimeoutMs(timeoutMs, elapsed, policy) : timeoutMs,
      };
      try {
        return await this.attempt(full);
      } catch (err) {
        if (!(err instanceof CodeArtsError)) throw err;
        err.attempts = retries + 1;
        const delayMs = retryDelay({
          err,
          idempotent: spec.idempotent,
          retriesDone: retries,
          elapsedMs: this.now() - started,
          policy,
          random: this.random(),
        });
        if (delayMs === null) throw err;
        this.options.onEvent?.({
          kind: "retry",
          operation: spec.operation,
          attempt: retries + 1,
          delayMs,
          failure: err.failure,
          status: err.status,
          errorCode: err.errorCode,
          requestId: err.requestId,
        });
        await this.sleep(delayMs);
      }
    }
  }

  private async attempt<S extends z.ZodType>(full: CallSpec<S>): Promise<z.infer<S>> {
    const auth = await this.auth();
    try {
      return await this.timed(full.operation, () => call(full, auth));
    } catch (err) {
      if (auth.kind !== "token" || !isRejectedToken(err)) throw err;
      // Renewed once; a second rejection surfaces (a revoked user or a wrong password is not fixed by looping).
      this.dropToken(auth.token);
      this.options.onEvent?.({ kind: "token_renewed", reason: "rejected" });
      const renewed = await this.auth();
      return this.timed(full.operation, () => call(full, renewed));
    }
  }

  /** `run` (one HTTP attempt of `operation`), told to onEvent as a `call` with its status and duration. */
  private async timed<T>(operation: string, run: () => Promise<T>): Promise<T> {
    const emit = this.options.onEvent;
    if (!emit) return run();
    const t0 = performance.now();
    try {
      const answer = await run();
      emit({ kind: "call", operation, status: "2xx", errorCode: null, durationMs: performance.now() - t0 });
      return answer;
    } catch (err) {
      const e = err instanceof CodeArtsError ? err : null;
      emit({ kind: "call", operation, status: String(e?.status ?? 0), errorCode: e?.errorCode ?? null, durationMs: performance.now() - t0 });
      throw err;
    }
  }

  private async auth(): Promise<Auth> {
    const c = this.config.credentials;
    if (c.kind === "aksk") {
      return { kind: "aksk", ak: c.ak, sk: c.sk, securityToken: c.securityToken, projectId: await this.iamProjectId() };
    }
    const token = await this.currentToken();
    return { kind: "token", token, projectId: this.config.iamProjectId ?? this.tokenProjectId };
  }

  /** The IAM project id for X-Project-Id: configured, read from the project-scoped token, or looked up by region. */
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
    let auth: Auth;
    if (c.kind === "aksk") auth = { kind: "aksk", ak: c.ak, sk: c.sk, securityToken: c.securityToken };
    else {
      auth = { kind: "token", token: await this.currentToken() };
      if (this.tokenProjectId) return this.tokenProjectId;
    }
    const answer = await this.timed("KeystoneListProjects", () =>
      call(
        {
          operation: "KeystoneListProjects",
          method: "GET",
          base: this.config.iamEndpoint,
          path: "/v3/projects",
          query: { name: this.config.region },
          schema: iamProjectsResponseSchema,
          timeoutMs: this.config.timeoutMs,
          idempotent: true,
        },
        auth,
      ),
    );
    const matches = answer.projects.filter((p) => p.name === this.config.region);
    if (matches.length !== 1 || !matches[0]) {
      throw new CodeArtsError(
        "malformed",
        "KeystoneListProjects",
        200,
        null,
        `expected one IAM project named ${this.config.region}, found ${matches.length}; set CLOUD_SDK_PROJECT_ID`,
        null,
      );
    }
    return matches[0].id;
  }

  private currentToken(): Promise<string> {
    if (this.token && this.now() < this.token.renewAt) return Promise.resolve(this.token.value);
    if (this.token && !this.tokenPromise) this.options.onEvent?.({ kind: "token_renewed", reason: "expiring" });
    this.tokenPromise ??= this.fetchToken().finally(() => {
      this.tokenPromise = null;
    });
    return this.tokenPromise;
  }

  /** Forget a token the gateway rejected, unless another request already replaced it. */
  private dropToken(value: string): void {
    if (this.token?.value === value) this.token = null;
  }

  private async fetchToken(): Promise<string> {
    const c = this.config.credentials;
    if (c.kind !== "token") throw new Error("token requested in AK/SK mode");
    const scope = this.config.iamProjectId ? { project: { id: this.config.iamProjectId } } : { project: { name: this.config.region } };
    const receivedAt = this.now();
    const raw = await this.timed("KeystoneCreateUserTokenByPassword", () =>
      callRaw(
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
          idempotent: true, // a second token does not revoke the first
        },
        { kind: "none" },
      ),
    );
    const value = raw.headers.get("x-subject-token");
    const body = iamTokenResponseSchema.safeParse(raw.json);
    if (!value || !body.success) {
      throw new CodeArtsError("malformed", "KeystoneCreateUserTokenByPassword", raw.status, null, "no X-Subject-Token in the IAM answer", raw.requestId);
    }
    // Lifetime from IAM's own two times, anchored on our clock: a skewed console clock cannot shorten or stretch it.
    const lifetime = Date.parse(body.data.token.expires_at) - Date.parse(body.data.token.issued_at);
    const lifetimeMs = Number.isFinite(lifetime) ? Math.max(0, lifetime) : FALLBACK_TOKEN_LIFETIME_MS;
    const margin = Math.min(TOKEN_RENEW_MARGIN_MS, lifetimeMs / 10);
    this.token = { value, renewAt: receivedAt + lifetimeMs - margin };
    this.tokenProjectId = body.data.token.project?.id ?? this.tokenProjectId;
    return value;
  }
}
