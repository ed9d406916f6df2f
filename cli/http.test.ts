import { describe, expect, it } from "vitest";
import { CliError, EXIT } from "./exit-codes";
import { ConsoleClient, pathOf } from "./http";
import { TASK_ID, startAnswer } from "./testing/fixtures";
import { TOKEN, URL_, fakeConsole, type Reply } from "./testing/fake-console";

const clientOf = (fetch: typeof globalThis.fetch, debug?: (l: string) => void) =>
  new ConsoleClient({ url: URL_, token: TOKEN, fetch, sleep: async () => {}, userAgent: "codearts-console-cli/test", debug });
const start = (client: ConsoleClient, key?: string) =>
  client.call("POST /api/tasks/:taskId/start", { params: { taskId: TASK_ID }, body: { params: [] } }, key ? { idempotencyKey: key } : {});
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err as CliError;
  }
  throw new Error("expected a failure");
};

/** Answers the given replies in turn, the last one from then on. */
const inTurn = (...replies: Reply[]) => {
  let i = 0;
  return () => replies[Math.min(i++, replies.length - 1)]!;
};

describe("pathOf", () => {
  it("fills and encodes the parameters, appends the non-empty query", () => {
    expect(pathOf("GET /api/apps", { query: { q: "订单 服务", page: 2, state: undefined, x: "" } })).toBe(
      "/api/apps?q=%E8%AE%A2%E5%8D%95+%E6%9C%8D%E5%8A%A1&page=2",
    );
    expect(pathOf("GET /api/tasks/:taskId/records/:recordId", { params: { taskId: "a/b", recordId: "c" } })).toBe("/api/tasks/a%2Fb/records/c");
  });
});

describe("ConsoleClient", () => {
  it("sends the token as a bearer, and the answer's request id back", async () => {
    const fake = fakeConsole({ "GET /api/me": () => ({ body: { ok: true } }) });
    const answer = await clientOf(fake.fetch).call("GET /api/me", {});
    expect(fake.seen[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(fake.seen[0]?.headers["user-agent"]).toBe("codearts-console-cli/test");
    expect(answer.requestId).toBe("req-1");
  });

  it("repeats a start after a network failure with the SAME Idempotency-Key", async () => {
    const fake = fakeConsole({
      "POST /api/tasks/:taskId/start": inTurn("network-error", "network-error", { body: startAnswer(), headers: { "idempotent-replayed": "true" } }),
    });
    const answer = await start(clientOf(fake.fetch), "key-0123456789");
    const keys = fake.seen.map((s) => s.headers["idempotency-key"]);
    expect(keys).toEqual(["key-0123456789", "key-0123456789", "key-0123456789"]);
    expect(answer.replayed).toBe(true);
    expect(answer.body.id).toBe(startAnswer().id);
  });

  it("waits out idempotency_in_progress with the same key", async () => {
    const busy = { status: 409, body: { error: { code: "idempotency_in_progress", message: "still running" } } };
    const fake = fakeConsole({ "POST /api/tasks/:taskId/start": inTurn(busy, { body: startAnswer() }) });
    await start(clientOf(fake.fetch), "key-0123456789");
    expect(fake.seen).toHaveLength(2);
  });

  it("never repeats a request without a key (it may have been carried out)", async () => {
    const fake = fakeConsole({ "POST /api/tasks/:taskId/start": () => "network-error" });
    const e = await failure(start(clientOf(fake.fetch)));
    expect(fake.seen).toHaveLength(1);
    expect([e.exitCode, e.code]).toEqual([EXIT.unavailable, "network_error"]);
    expect(e.message).toContain("ECONNRESET");
  });

  it("gives up on a keyed start after five network failures (exit 4)", async () => {
    const fake = fakeConsole({ "POST /api/tasks/:taskId/start": () => "network-error" });
    const e = await failure(start(clientOf(fake.fetch), "key-0123456789"));
    expect(fake.seen).toHaveLength(5);
    expect(e.exitCode).toBe(EXIT.unavailable);
  });

  it("does not repeat a refusal (409 deploy_in_progress)", async () => {
    const fake = fakeConsole({ "POST /api/tasks/:taskId/start": () => ({ status: 409, body: { error: { code: "deploy_in_progress", message: "busy" } } }) });
    const e = await failure(start(clientOf(fake.fetch), "key-0123456789"));
    expect(fake.seen).toHaveLength(1);
    expect([e.exitCode, e.code, e.status, e.requestId]).toEqual([EXIT.refused, "deploy_in_progress", 409, "req-1"]);
  });

  it("waits out a short Retry-After of a 429", async () => {
    const limited = { status: 429, body: { error: { code: "rate_limited", message: "slow down" } }, headers: { "retry-after": "3" } };
    const fake = fakeConsole({ "GET /api/me": inTurn(limited, { body: {} }) });
    await clientOf(fake.fetch).call("GET /api/me", {});
    expect(fake.seen).toHaveLength(2);
  });

  it("reports a long Retry-After instead of waiting (exit 3)", async () => {
    const limited = { status: 429, body: { error: { code: "rate_limited", message: "slow down" } }, headers: { "retry-after": "600" } };
    const e = await failure(clientOf(fakeConsole({ "GET /api/me": () => limited }).fetch).call("GET /api/me", {}));
    expect([e.exitCode, e.retryAfter]).toEqual([EXIT.refused, 600]);
  });

  it("an answer that is not JSON is a bad response (exit 4)", async () => {
    const html = (async () => new Response("<html>", { status: 200 })) as unknown as typeof fetch;
    const e = await failure(clientOf(html).call("GET /api/me", {}));
    expect([e.exitCode, e.code]).toEqual([EXIT.unavailable, "bad_response"]);
  });

  it("refuses a token an HTTP header cannot carry before sending it (exit 5)", () => {
    expect(() => new ConsoleClient({ url: URL_, token: "cdc_with space", fetch, sleep: async () => {}, userAgent: "t" })).toThrow(CliError);
  });

  it("debug lines name requests and answers, never the token", async () => {
    const lines: string[] = [];
    const fake = fakeConsole({ "GET /api/me": () => ({ status: 401, body: { error: { code: "token_revoked", message: "revoked" } } }) });
    await failure(clientOf(fake.fetch, (l) => lines.push(l)).call("GET /api/me", {}));
    expect(lines.join("\n")).toMatch(/← 401 GET \/api\/me/);
    expect(lines.join("\n")).not.toContain(TOKEN);
  });
});
