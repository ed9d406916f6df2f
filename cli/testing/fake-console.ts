/**
 * Test support for the CLI's unit tests: a console API answered by handlers keyed like lib/schemas/api.ts
 * ("POST /api/tasks/:taskId/start"), recording every request; and an Io with string streams and a fake clock.
 */
import { PassThrough } from "node:stream";
import { readEnv } from "../env";
import type { Io } from "../io";

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
  params: Record<string, string>;
}

export type Reply = { status?: number; body?: unknown; headers?: Record<string, string> } | "network-error";
type Handler = (req: SeenRequest) => Reply | Promise<Reply>;

export const TOKEN = `cdc_${"A1b2C3d4E5".repeat(4)}xyz`;
export const URL_ = "https://console.example.test";

export function fakeConsole(handlers: Record<string, Handler>) {
  const seen: SeenRequest[] = [];
  const routes = Object.entries(handlers).map(([key, handler]) => {
    const [method, template] = key.split(" ") as [string, string];
    const names: string[] = [];
    const pattern = new RegExp(`^${template.replace(/:(\w+)/g, (_, n: string) => (names.push(n), "([^/]+)"))}$`);
    return { method, pattern, names, handler };
  });
  let n = 0;
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const method = init?.method ?? "GET";
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    for (const r of routes) {
      const m = r.method === method ? r.pattern.exec(url.pathname) : null;
      if (!m) continue;
      const params = Object.fromEntries(r.names.map((name, i) => [name, decodeURIComponent(m[i + 1] ?? "")]));
      const req: SeenRequest = { method, path: url.pathname, query: url.searchParams, headers, body, params };
      seen.push(req);
      const reply = await r.handler(req);
      if (reply === "network-error") throw new TypeError("fetch failed", { cause: { code: "ECONNRESET" } });
      const status = reply.status ?? 200;
      return new Response(status === 204 ? null : JSON.stringify(reply.body ?? null), {
        status,
        headers: { "content-type": "application/json", "x-request-id": `req-${++n}`, ...reply.headers },
      });
    }
    seen.push({ method, path: url.pathname, query: url.searchParams, headers, body, params: {} });
    return new Response(JSON.stringify({ error: { code: "not_found", message: `no fake for ${method} ${url.pathname}` } }), { status: 404 });
  }) as typeof globalThis.fetch;
  return { fetch, seen, calls: (method: string, path: string) => seen.filter((s) => s.method === method && s.path === path) };
}

export class StringStream {
  text = "";
  constructor(
    public isTTY = false,
    public columns = 100,
  ) {}
  write(s: string) {
    this.text += s;
    return true;
  }
}

export function fakeIo(opts: { fetch: typeof fetch; env?: Record<string, string>; stdin?: string; configDir?: string; ttyOut?: boolean }) {
  const stdout = new StringStream(opts.ttyOut ?? false);
  const stderr = new StringStream();
  const stdin = new PassThrough();
  stdin.end(opts.stdin ?? "");
  let clock = Date.parse("2026-12-08T10:00:00Z");
  const io: Io = {
    stdout,
    stderr,
    stdin,
    env: readEnv({ CODEARTS_CONSOLE_CONFIG_DIR: opts.configDir ?? "/nonexistent/codearts-console-test", ...opts.env }, () => "/nonexistent"),
    fetch: opts.fetch,
    now: () => clock,
    sleep: (ms) => {
      clock += ms;
      return Promise.resolve();
    },
  };
  return { io, stdout, stderr };
}

/** The environment of a signed-in CI job. */
export const SIGNED_IN = { CODEARTS_CONSOLE_URL: URL_, CODEARTS_CONSOLE_TOKEN: TOKEN };
