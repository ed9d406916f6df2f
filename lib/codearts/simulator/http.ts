/** HTTP plumbing shared by the simulator's modules: replies, the two error families, body reading. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";

const MAX_BODY_BYTES = 12 * 1024 * 1024;

export interface Reply {
  status: number;
  /** JSON-serialised unless `raw` is set. */
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

/** A CodeArts Deploy service error: `{ error_code, error_msg }`. */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** An API-gateway error: `{ error_msg, error_code, request_id }`. */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A reply with an arbitrary body (IAM errors, admin API). */
export class ReplyError extends Error {
  constructor(readonly reply: Reply) {
    super(`reply ${reply.status}`);
  }
}

/** 400 DEV.CH.10001, the cloud's generic parameter error. */
export function paramInvalid(detail: string): ServiceError {
  return new ServiceError(400, "DEV.CH.10001", `Param invalid: ${detail}`);
}

/** A success answer, checked against the shared wire schema so the simulator can never drift from it. */
export function answer(schema: z.ZodType, body: unknown, status = 200, headers?: Record<string, string>): Reply {
  const checked = schema.safeParse(body);
  if (!checked.success) {
    throw new Error(`simulator built an answer that breaks the wire schema: ${z.prettifyError(checked.error)}`);
  }
  // Send the body as built, not as parsed: parsing would normalise the quirks (numbers vs strings) we emulate.
  return { status, body, headers };
}

/** Parse a request body (already known to be JSON-ish) with a schema, or throw DEV.CH.10001. */
export function parseBody<S extends z.ZodType>(schema: S, raw: Buffer, emptyAs?: unknown): z.infer<S> {
  let json: unknown = emptyAs;
  const text = raw.toString("utf8");
  if (text.trim().length > 0 || emptyAs === undefined) {
    try {
      json = JSON.parse(text);
    } catch {
      throw paramInvalid("request body is not valid JSON");
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw paramInvalid(describeIssues(parsed.error));
  return parsed.data;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`).join("; ");
}

/** Read the whole body; null when it exceeds the limit (the rest is drained, not kept). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers["content-length"] ?? 0) > limit;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const payload = reply.raw ?? JSON.stringify(reply.body ?? {});
  res.writeHead(reply.status, {
    "Content-Type": "application/json;charset=UTF-8",
    "Content-Length": String(Buffer.byteLength(payload)),
    ...reply.headers,
  });
  res.end(payload);
}
