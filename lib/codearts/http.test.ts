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
let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end("{}");

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const spec = (path: string) => ({
  operation: "ShowDeployTaskDetail",
  method: "GET" as const,
  base,
  path,
  schema: z.unknown(),
  timeoutMs: 2000,
  idempotent: true,
});

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
});
