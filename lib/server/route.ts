import "server-only";
import { randomUUID } from "node:crypto";
import { type NextRequest, NextResponse } from "next/server";
import type { z } from "zod";
import { ApiError, toErrorResponse } from "./errors";
import { log } from "./log";

/** Largest JSON body a console route accepts (500 rows × 8 KiB values fit with room to spare). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  /** Path parameters (validated before anything else; a bad id never reaches the cloud). */
  params?: P;
  query?: Q;
  body?: B;
}

interface Ctx<P, Q, B> {
  req: NextRequest;
  params: P;
  query: Q;
  body: B;
  requestId: string;
}

type Handler<P, Q, B> = (ctx: Ctx<P, Q, B>) => Promise<unknown>;

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

/**
 * Every console route goes through here: validate path, query and body with zod, run, answer JSON; every error
 * leaves as { error: { code, message } } with the right status, upstream error_code and request id kept.
 */
export function route<P extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown, B extends z.ZodType = z.ZodUnknown>(
  spec: RouteSpec<P, Q, B>,
  handler: Handler<z.infer<P>, z.infer<Q>, z.infer<B>>,
) {
  return async (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => {
    const requestId = randomUUID();
    const started = Date.now();
    try {
      const rawParams = await ctx.params;
      const params = spec.params ? parseOr(spec.params, rawParams, "invalid_id") : rawParams;
      const query = spec.query ? parseOr(spec.query, Object.fromEntries(req.nextUrl.searchParams), "validation_failed") : {};
      const body = spec.body ? spec.body.parse(await parseJsonBody(req)) : undefined;
      const result = await handler({ req, params, query, body, requestId } as Ctx<z.infer<P>, z.infer<Q>, z.infer<B>>);
      return NextResponse.json(result, { headers: { "x-request-id": requestId, "cache-control": "no-store" } });
    } catch (err) {
      const answer = toErrorResponse(err);
      const fields = {
        requestId,
        method: req.method,
        path: req.nextUrl.pathname,
        status: answer.status,
        code: answer.body.error.code,
        upstream: answer.body.error.upstream,
        ms: Date.now() - started,
      };
      if (answer.logDetail) log.error("request failed", { ...fields, detail: answer.logDetail });
      else if (answer.status >= 500) log.warn("upstream failure", fields);
      return NextResponse.json(answer.body, {
        status: answer.status,
        headers: { "x-request-id": requestId, "cache-control": "no-store" },
      });
    }
  };
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
