import "server-only";
/**
 * The console API as an OpenAPI 3.1 document, generated from the contract table the routes validate with
 * (lib/schemas/api.ts): each entry's path parameters, query, body and answer schema, and the error envelope with
 * the codes that route can answer (lib/schemas/error-codes.ts). Built once per process; served at
 * GET /api/openapi.json and rendered by the /api-docs page.
 */
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject } from "zod-openapi";
import { type ApiRoute, type Contract, consoleApi } from "../schemas/api";
import { API_ERRORS, type ApiErrorCode } from "../schemas/error-codes";
import { apiErrorBodySchema } from "../schemas/errors";
import { sessionCookieName } from "./auth/cookie";

const errorBody = apiErrorBodySchema.meta({ id: "Error", description: "Every refusal: { error: { code, message, … } }." });

/** Routes that reach the cloud (their refusals may carry the cloud's error_code and request id). */
const reachesCloud = (path: string) => path.startsWith("/api/tasks") || path.startsWith("/api/requests") || path === "/api/apps";
/** Routes that start a deployment: the deploy service's guards answer for them. */
const startsDeploy = (key: string) => / \/api\/tasks\/:taskId\/start$| \/api\/requests\/:id\/execute$/.test(key);

/** The error codes a route can answer, from what its contract says it does. */
export function errorCodesOf(key: string, c: Contract): ApiErrorCode[] {
  const [method = "GET", path = ""] = key.split(" ");
  const codes: ApiErrorCode[] = ["internal_error", "database_unavailable"];
  if (c.params) codes.push("invalid_id", "not_found");
  if (c.query) codes.push("validation_failed");
  if (c.body) codes.push("validation_failed", "invalid_json", "unsupported_media_type", "payload_too_large");
  if (method !== "GET") codes.push("cross_site");
  if (c.permission !== "public") codes.push("unauthenticated", "forbidden", "token_invalid", "token_expired", "token_revoked", "rate_limited");
  if (reachesCloud(path)) {
    codes.push(
      "upstream_refused",
      "upstream_conflict",
      "upstream_not_found",
      "upstream_forbidden",
      "upstream_throttled",
      "upstream_error",
      "upstream_unavailable",
      "upstream_timeout",
    );
  }
  if (startsDeploy(key)) {
    codes.push(
      "protected_confirmation_required",
      "deploy_in_progress",
      "idempotency_key_reused",
      "idempotency_in_progress",
      "task_locked",
      "change_freeze",
      "approval_required",
      "ledger_unavailable",
      "upstream_in_doubt",
    );
  }
  if (key.includes("/api/requests/:id/")) codes.push("conflict", "approval_mismatch", "approval_not_pending", "approval_not_executable");
  if (method !== "GET" && key.includes("/api/admin/")) codes.push("conflict");
  if (key.endsWith("/lock")) codes.push("conflict", "task_locked");
  return [...new Set(codes)];
}

/** The error answers of a route, one per status, each naming its codes. */
type Status = `${1 | 2 | 3 | 4 | 5}${string}`;
const statusKey = (n: number) => String(n) as Status;

function errorResponses(codes: ApiErrorCode[]): Record<Status, ZodOpenApiResponseObject> {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of codes) byStatus.set(API_ERRORS[code], [...(byStatus.get(API_ERRORS[code]) ?? []), code]);
  const out: Record<Status, ZodOpenApiResponseObject> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[statusKey(status)] = {
      description: `error.code is one of: ${list.join(", ")}.`,
      content: { "application/json": { schema: errorBody } },
    };
  }
  return out;
}

const SUCCESS_TEXT: Record<number, string> = { 200: "OK", 201: "Created", 202: "Accepted: the request awaits approval", 204: "No content" };

/** "/api/tasks/:taskId" → "/api/tasks/{taskId}" */
export const openApiPath = (template: string) => template.replace(/:(\w+)/g, "{$1}");

function operation(key: string, c: Contract): ZodOpenApiOperationObject {
  const status = c.status ?? 200;
  const success: ZodOpenApiResponseObject = { description: SUCCESS_TEXT[status] ?? "OK" };
  if (c.response) success.content = { "application/json": { schema: c.response } };
  else if (status !== 204) success.content = { "application/octet-stream": { schema: { type: "string" } } };
  const op: ZodOpenApiOperationObject = {
    operationId: key.replace(/[^A-Za-z0-9]+/g, "_").replace(/_$/, ""),
    tags: [key.split("/")[2] ?? "api"],
    summary: `${key} (${c.permission === "public" ? "no sign-in" : `needs ${c.permission}`})`,
    responses: { [statusKey(status)]: success, ...errorResponses(errorCodesOf(key, c)) },
  };
  if (c.permission === "public") op.security = [];
  if (c.params || c.query) {
    op.requestParams = {};
    if (c.params) op.requestParams.path = c.params as z.ZodObject;
    if (c.query) op.requestParams.query = c.query as z.ZodObject;
  }
  if (c.body) op.requestBody = { required: true, content: { "application/json": { schema: c.body } } };
  if (startsDeploy(key)) {
    op.parameters = [
      {
        in: "header",
        name: "Idempotency-Key",
        required: false,
        description: "A retry with the same key and body answers the first answer again and never deploys twice.",
        schema: { type: "string", maxLength: 255 },
      },
    ];
  }
  return op;
}

function build() {
  const paths: ZodOpenApiPathsObject = {};
  for (const [key, contract] of Object.entries(consoleApi) as [ApiRoute, Contract][]) {
    const [method = "GET", template = ""] = key.split(" ");
    const path = openApiPath(template);
    paths[path] = { ...paths[path], [method.toLowerCase()]: operation(key, contract) };
  }
  // Liveness: a plain handler of its own (no database, no session), outside the contract table.
  paths["/api/health"] = {
    get: {
      operationId: "GET_api_health",
      tags: ["health"],
      summary: "GET /api/health (no sign-in): liveness, and which upstream the console talks to",
      security: [],
      responses: {
        "200": {
          description: "OK",
          content: { "application/json": { schema: z.object({ status: z.literal("ok"), mode: z.enum(["demo", "cloud"]) }) } },
        },
      },
    },
  };
  paths["/api/ready"] = {
    get: {
      operationId: "GET_api_ready",
      tags: ["health"],
      summary: "GET /api/ready (no sign-in): readiness — the database is reachable and migrated, the process is not draining",
      security: [],
      responses: {
        "200": { description: "Ready", content: { "application/json": { schema: z.object({ status: z.literal("ready") }) } } },
        "503": {
          description: "Not ready (the reason says why) or draining after SIGTERM",
          content: { "application/json": { schema: z.object({ status: z.enum(["not_ready", "draining"]), reason: z.string() }) } },
        },
      },
    },
  };
  paths["/api/metrics"] = {
    get: {
      operationId: "GET_api_metrics",
      tags: ["health"],
      summary: "GET /api/metrics: Prometheus metrics, for a scraper sending Authorization: Bearer METRICS_TOKEN (404 when METRICS_TOKEN is not set)",
      security: [{ metricsToken: [] }],
      responses: {
        "200": { description: "Prometheus text exposition format", content: { "text/plain": { schema: z.string() } } },
        "401": { description: "No or another token" },
        "404": { description: "Metrics are off" },
      },
    },
  };
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "CodeArts Deploy Console API",
      version: "1",
      description:
        "The API the console's own pages use. Every refusal answers the error envelope (components.schemas.Error) with a code from the table in x-error-codes; state-changing requests from a browser session must come from the console's origin. Scripts and pipelines authenticate with an API token (Authorization: Bearer).",
    },
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: sessionCookieName(), description: "The console's sign-in session (/sign-in)." },
        metricsToken: { type: "http", scheme: "bearer", description: "METRICS_TOKEN of the console's environment (GET /api/metrics only)." },
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "cdc_ + 43 base64url characters",
          description:
            "An API token (the Tokens page, POST /api/tokens): its owner's rights capped at the token's role and apps. Sent in this header only, never a cookie or a query string; requests with it need no Origin. Per-token limits of reads and starts a minute answer 429 rate_limited with Retry-After.",
        },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
    paths,
  });
}

/** The document as served: OpenAPI's fields (readers cast to the parts they read). */
type Document = { [field: string]: unknown; openapi: string; paths: Record<string, unknown> };
let cached: Document | null = null;

/** The document (with the error-code table as `x-error-codes`: code → HTTP status). */
export function openApiDocument(): Document {
  if (!cached) {
    const doc = build();
    cached = { ...doc, paths: doc.paths ?? {}, "x-error-codes": { ...API_ERRORS } };
  }
  return cached;
}
