/**
 * The transport of callRaw against a bare local server: what a gateway or proxy in front of the cloud might answer
 * that the simulator does not (a redirect, a request id only in a header, an HTML error page).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { CodeArtsError } from "./errors";
import { callRaw } from "./http";

let server: Server;
let base = "";
const hits: string[] = [];
/** The client port of each request: the same port twice means the same (kept-alive) connection. */
const ports: number[] = [];
let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end("{}");

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    ports.push(req.socket.remotePort ?? 0);
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const spec = (path: string, more: { timeoutMs?: number; base?: string } = {}) => ({
  operation: "ShowDeployTaskDetail",
  method: "GET" as const,
  base: more.base ?? base,
  path,
  schema: z.unknown(),
  timeoutMs: more.timeoutMs ?? 2000,
  idempotent: true,
});

const failureOf = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CodeArtsError);
  const e = err as CodeArtsError;
  return { failure: e.failure, status: e.status, msg: e.errorMsg, requestId: e.requestId, inDoubt: e.inDoubt };
};

describe("callRaw's transport", () => {
  it("does not follow a redirect: a 302 fails the call, and its target is never asked", async () => {
    hits.length = 0;
    answer = (req, res) => {
      if (req.url === "/elsewhere") return res.end('{"id":"followed"}');
      res.writeHead(302, { location: `${base}/elsewhere`, "x-request-id": "rid-302" }).end();
    };
    const err = await callRaw(spec("/v2/tasks/abc"), { kind: "none" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CodeArtsError);
    expect((err as CodeArtsError).failure).toBe("network");
    expect(hits).toEqual(["/v2/tasks/abc"]);
  });

  it("keeps the answer's headers, and takes the request id from X-Request-Id", async () => {
    answer = (_req, res) => {
      res.setHeader("X-Subject-Token", "tok-1");
      res.setHeader("X-Request-Id", "rid-200");
      res.setHeader("Content-Type", "application/json");
      res.end('{"ok":true}');
    };
    const raw = await callRaw(spec("/v3/auth/tokens"), { kind: "none" });
    expect([raw.status, raw.json, raw.requestId]).toEqual([200, { ok: true }, "rid-200"]);
    expect([raw.headers.get("x-subject-token"), raw.headers.get("x-missing")]).toEqual(["tok-1", null]);
  });

  it("an HTML error page from a proxy is summarised with its status, not parsed", async () => {
    answer = (_req, res) => res.writeHead(502, { "content-type": "text/html" }).end(`<html>${"x".repeat(500)}</html>`);
    const err = (await callRaw(spec("/v2/tasks/abc"), { kind: "none" }).catch((e: unknown) => e)) as CodeArtsError;
    expect([err.failure, err.status, err.errorMsg?.length]).toEqual(["http", 502, 200]);
  });

  it("sends a JSON body with its byte length (non-ASCII included) and reads a UTF-8 answer", async () => {
    let received = "";
    let length = "";
    answer = (req, res) => {
      length = String(req.headers["content-length"]);
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received = Buffer.concat(chunks).toString("utf8");
        res.setHeader("content-type", "application/json; charset=utf-8");
        res.end(JSON.stringify({ echo: JSON.parse(received) }));
      });
    };
    const body = { params: [{ key: "note", value: "订单服务 ✓", type: "text" }] };
    const raw = await callRaw({ ...spec("/v2/tasks/abc/start"), method: "POST", body, idempotent: false }, { kind: "none" });
    expect(raw.json).toEqual({ echo: body });
    expect(Number(length)).toBe(Buffer.byteLength(JSON.stringify(body)));
  });

  it("reuses one kept-alive connection for calls one after the other", async () => {
    answer = (_req, res) => res.end("{}");
    ports.length = 0;
    for (let i = 0; i < 3; i++) await callRaw(spec("/v2/tasks/abc"), { kind: "none" });
    expect(ports).toHaveLength(3);
    expect(new Set(ports).size).toBe(1);
  });

  it("no answer within the timeout: a timeout with no status, in doubt for a start", async () => {
    answer = () => undefined; // never answers
    const read = await failureOf(callRaw(spec("/v2/tasks/abc", { timeoutMs: 150 }), { kind: "none" }));
    expect(read).toEqual({ failure: "timeout", status: 0, msg: "no answer within 150 ms", requestId: null, inDoubt: false });
    const start = await failureOf(
      callRaw({ ...spec("/v2/tasks/abc/start", { timeoutMs: 150 }), method: "POST", body: {}, idempotent: false }, { kind: "none" }),
    );
    expect([start.failure, start.inDoubt]).toEqual(["timeout", true]);
  });

  it("an answer whose body stops coming: a timeout that keeps the status and the request id", async () => {
    answer = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "x-request-id": "rid-slow" });
      res.write('{"result":'); // and nothing more
    };
    const f = await failureOf(callRaw(spec("/v2/tasks/abc", { timeoutMs: 150 }), { kind: "none" }));
    expect(f).toMatchObject({ failure: "timeout", status: 200, msg: "the answer was cut off", requestId: "rid-slow" });
  });

  it("a connection broken in the middle of the answer: a network failure with the status, in doubt", async () => {
    answer = (req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000", "x-request-id": "rid-cut" });
      res.write('{"result":');
      setTimeout(() => req.socket.destroy(), 20);
    };
    const f = await failureOf(callRaw({ ...spec("/v2/tasks/abc/start"), method: "POST", body: {}, idempotent: false }, { kind: "none" }));
    expect(f).toEqual({ failure: "network", status: 200, msg: "the answer was cut off", requestId: "rid-cut", inDoubt: true });
  });

  it("a refused connection: a network failure naming ECONNREFUSED, never in doubt (nothing was sent)", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const f = await failureOf(
      callRaw({ ...spec("/v2/tasks/abc/start", { base: `http://127.0.0.1:${port}` }), method: "POST", body: {}, idempotent: false }, { kind: "none" }),
    );
    expect(f).toEqual({ failure: "network", status: 0, msg: "ECONNREFUSED", requestId: null, inDoubt: false });
  });
});
