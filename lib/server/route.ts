import "server-only";
import { randomUUID } from "node:crypto";
import { type NextRequest, NextResponse } from "next/server";
import type { z } from "zod";
import type { AppAccess, Permission } from "../schemas/access";
import type { ProtectedApp } from "../schemas/admin";
import { grantors } from "./auth/grantors";
import { principalOf } from "./auth/session";
import { RateLimitedError } from "./auth/token-rates";
import { db } from "./db";
import { knownAppName } from "./db/grants";
import { findProtectedApp } from "./db/protected-apps";
import { env } from "./env";
import { atLeast } from "../schemas/access";
import { MAX_BODY_BYTES } from "../schemas/common";
import { ApiError, errorBody, toApiError } from "./errors";
import { log } from "./log";
import { observeRequest } from "./metrics";
import { NEEDED_ROLE, type Principal, accessOf, denyMessage, isAdmin, roleOnTask } from "./permissions";
import { routeTemplate } from "./route-template";
import { crossSiteRefusal } from "./same-origin";
import { ready } from "./startup";

/** A request refused before its handler ran (session, origin, parameters, permission, body), as `onRefusal` sees it. */
export interface Refusal {
  req: NextRequest;
  /** The signed-in user, when the session was read before the refusal. */
  user: Principal | null;
  /** The path parameters as sent (not validated: the refusal may be of them). */
  rawParams: Record<string, string | string[]> | undefined;
  error: ApiError;
  requestId: string;
}

interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType, Perm extends Permission> {
  /**
   * Who may call it: "public" (no session), "view"/"deploy" (a session; on task routes — params with a taskId —
   * that role on the task), "admin" (admin on all apps).
   */
  permission: Perm;
  /** Path parameters (validated before anything else; a bad id never reaches the cloud). */
  params?: P;
  query?: Q;
  body?: B;
  /** The answer's schema (lib/schemas): the handler's result is typed by it, as the browser's fetch helper is. */
  response?: R;
  /** Status of a successful answer (200; 201 for creations; 204 sends no body). */
  status?: 200 | 201 | 202 | 204;
  /**
   * Called with every refusal the wrapper itself gives, before the handler ran — never for an error the handler
   * throws (the handler answers for its own). The deploy routes ledger their refused attempts through it.
   */
  onRefusal?: (r: Refusal) => Promise<void>;
}

interface Ctx<P, Q, B, Perm extends Permission> {
  req: NextRequest;
  params: P;
  query: Q;
  body: B;
  requestId: string;
  /** The signed-in user with the rights read from the database for this request. */
  user: Perm extends "public" ? null : Principal;
  /** Task routes: what the user may do on this task, and its protection. */
  task: { access: AppAccess; protected: ProtectedApp | null } | null;
}

/** A handler answers with the response schema's type, or with a Response of its own (a CSV stream, a replay). */
type Handler<P, Q, B, R, Perm extends Permission> = (ctx: Ctx<P, Q, B, Perm>) => Promise<R | Response>;

async function readBody(req: NextRequest): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new ApiError("payload_too_large", `The body must be at most ${MAX_BODY_BYTES} bytes.`);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new ApiError("payload_too_large", `The body must be at most ${MAX_BODY_BYTES} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function parseJsonBody(req: NextRequest): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError("unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
  }
  const text = await readBody(req);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("invalid_json", "The body is not valid JSON.");
  }
}

const UNAUTHENTICATED = "Sign in first: this route needs a signed-in user (the /sign-in page).";

/** 403 naming what is missing and who can grant it; no upstream call (the name comes from grants or protections). */
async function refuse(permission: "view" | "deploy" | "admin", taskId: string | null): Promise<never> {
  const [name, who] = await Promise.all([taskId ? knownAppName(db(), taskId) : null, grantors()]);
  throw new ApiError("forbidden", denyMessage(permission, name ?? (taskId ? `the app of task ${taskId}` : null), who));
}

async function checkPermission(permission: Permission, user: Principal | null, params: unknown): Promise<Ctx<unknown, unknown, unknown, Permission>["task"]> {
  if (permission === "public") return null;
  if (!user) throw new ApiError("unauthenticated", UNAUTHENTICATED);
  if (permission === "admin") {
    if (!isAdmin(user)) await refuse("admin", null);
    return null;
  }
  const taskId = typeof params === "object" && params !== null && "taskId" in params ? String(params.taskId) : null;
  if (!taskId) return null;
  // The role once; the right, the access answer and the protection all read from it.
  const role = roleOnTask(user, taskId);
  if (!atLeast(role, NEEDED_ROLE[permission])) await refuse(permission, taskId);
  const prot = (await findProtectedApp(db(), taskId)) ?? null;
  const canDeploy = atLeast(role, NEEDED_ROLE.deploy);
  const access = accessOf(role, { protected: prot !== null, grantors: canDeploy ? [] : await grantors() });
  return { access, protected: prot };
}

/**
 * Every console route goes through here, in this order: same-origin check (state changes, not for bearer tokens),
 * session or API token (401; a token's rate limit: 429 with Retry-After),
 * path parameters (400), permission (403), query and body (400), run, answer JSON. Every error leaves as
 * { error: { code, message } } with the right status, upstream error_code and request id kept.
 */
export function route<
  Perm extends Permission,
  P extends z.ZodType = z.ZodUnknown,
  Q extends z.ZodType = z.ZodUnknown,
  B extends z.ZodType = z.ZodUnknown,
  R extends z.ZodType = z.ZodUnknown,
>(spec: RouteSpec<P, Q, B, R, Perm>, handler: Handler<z.infer<P>, z.infer<Q>, z.infer<B>, z.input<R>, Perm>) {
  return async (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => {
    const seen: Seen = { requestId: randomUUID(), user: null, error: null };
    const t0 = performance.now();
    const res = await answer(spec, handler, req, ctx, seen);
    const ms = performance.now() - t0;
    const template = routeTemplate(req.nextUrl.pathname, await Promise.resolve(ctx?.params).catch(() => undefined));
    observeRequest(req.method, template, res.status, ms / 1000);
    // One line per request (the time to the answer's head: a stream's body may flow on after it).
    const { requestId, user, error } = seen;
    const line = {
      requestId,
      method: req.method,
      route: template,
      status: res.status,
      ms: Math.round(ms * 10) / 10,
      user: user?.id,
      token: user?.token?.id,
      code: error?.code,
      upstream: error?.extra?.upstream,
    };
    if (error?.logDetail) log.error("request", { ...line, detail: error.logDetail });
    else if (res.status >= 500 || res.status === 403) log.warn("request", line);
    else log.info("request", line);
    return res;
  };
}

/** What the request log line needs to know of a request once it was answered. */
interface Seen {
  requestId: string;
  user: Principal | null;
  error: ApiError | null;
}

async function answer<Perm extends Permission, P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  spec: RouteSpec<P, Q, B, R, Perm>,
  handler: Handler<z.infer<P>, z.infer<Q>, z.infer<B>, z.input<R>, Perm>,
  req: NextRequest,
  ctx: { params: Promise<Record<string, string | string[]>> },
  seen: Seen,
): Promise<Response> {
  const { requestId } = seen;
  const headers = { "x-request-id": requestId, "cache-control": "no-store" };
  let user: Principal | null = null;
  let handlerRan = false;
  try {
    // A bearer token is no ambient credential (a browser never adds it on its own): no cross-site check for it.
    const crossSite = req.headers.has("authorization") ? null : crossSiteRefusal(req, env().auth.url);
    if (crossSite) throw crossSite;
    await ready();
    if (spec.permission !== "public") user = seen.user = await principalOf(req);
    if (spec.permission !== "public" && !user) throw new ApiError("unauthenticated", UNAUTHENTICATED);
    const rawParams = await ctx.params;
    const params = spec.params ? parseOr(spec.params, rawParams, "invalid_id") : rawParams;
    const task = await checkPermission(spec.permission, user, params);
    const query = spec.query ? parseOr(spec.query, Object.fromEntries(req.nextUrl.searchParams), "validation_failed") : {};
    const body = spec.body ? spec.body.parse(await parseJsonBody(req)) : undefined;
    handlerRan = true;
    const result = await handler({ req, params, query, body, requestId, user, task } as Ctx<z.infer<P>, z.infer<Q>, z.infer<B>, Perm>);
    if (spec.status === 204) return new NextResponse(null, { status: 204, headers });
    // A handler may answer itself (a CSV stream, an idempotent replay with the stored status).
    if (result instanceof Response) {
      for (const [k, v] of Object.entries(headers)) result.headers.set(k, v);
      return result;
    }
    return NextResponse.json(result, { status: spec.status ?? 200, headers });
  } catch (err) {
    const error = (seen.error = toApiError(err));
    if (error instanceof RateLimitedError) Object.assign(headers, { "retry-after": String(error.retryAfterSeconds) });
    if (spec.onRefusal && !handlerRan) {
      const rawParams = await Promise.resolve(ctx?.params).catch(() => undefined);
      await spec.onRefusal({ req, user, rawParams, error, requestId });
    }
    return NextResponse.json(errorBody(error), { status: error.status, headers });
  }
}

function parseOr<S extends z.ZodType>(schema: S, value: unknown, code: "invalid_id" | "validation_failed"): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "number" ? p : String(p))), message: i.message }));
  const first = issues[0];
  const message =
    code === "invalid_id"
      ? `Invalid ${first?.path.join(".") || "id"}: ${first?.message ?? "invalid"}.`
      : `Invalid query parameter ${first?.path.join(".") || ""}: ${first?.message ?? "invalid"}.`;
  throw new ApiError(code, message, issues);
}
