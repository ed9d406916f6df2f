/** The simulator's HTTP server (node:http): gateway behaviour, faults, authentication, then the handlers. */
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { handleAdmin, routeNotFound } from "./admin";
import { authenticate } from "./auth";
import type { CallLog } from "./calls";
import { type FaultEffect, type FaultRule, faultEffect } from "./faults";
import { GatewayError, type Reply, ReplyError, ServiceError, readBody, send } from "./http";
import { requestId as newRequestId } from "./ids";
import { matchRoute } from "./router";
import { type Ctx, DEFAULT_HOST, DEFAULT_PORT, SimState, type SimulatorOptions } from "./state";

export interface Simulator {
  /** Base URL, e.g. http://127.0.0.1:9100 (the real port once listening, also with port 0). */
  readonly url: string;
  readonly port: number;
  listen(): Promise<void>;
  close(): Promise<void>;
  /** Live call log: authenticated calls per operation, faulted calls, start calls. */
  readonly calls: CallLog;
  /** The state behind the server (store, tokens, faults), for tests. */
  readonly state: SimState;
  /** Restore the seed and clear calls and faults (as POST /__sim/reset). */
  reset(): void;
  addFaults(rules: FaultRule[]): void;
  clearFaults(): void;
}

function errorReply(error: unknown, requestId: string): Reply {
  if (error instanceof GatewayError) {
    return { status: error.status, body: { error_msg: error.message, error_code: error.code, request_id: requestId } };
  }
  if (error instanceof ServiceError) return { status: error.status, body: { error_code: error.code, error_msg: error.message } };
  if (error instanceof ReplyError) return error.reply;
  console.error("[simulator] internal error:", error);
  return { status: 500, body: { error_code: "SIM.INTERNAL", error_msg: "Internal simulator error" } };
}

function parsedOrRaw(body: Buffer): unknown {
  const text = body.toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Carry out a fault's effect; true when the request is dealt with (answered, dropped or left hanging). */
function applyEffect(effect: FaultEffect, req: IncomingMessage, res: ServerResponse): boolean {
  switch (effect.kind) {
    case "continue":
      return false;
    case "hang":
      return true; // never answered; close() destroys the socket
    case "reset":
      req.socket.destroy();
      return true;
    case "reply":
      send(res, effect.reply);
      return true;
  }
}

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const sim = new SimState(options);
  const host = options.host ?? DEFAULT_HOST;
  let port = options.port ?? DEFAULT_PORT;
  const urlOf = () => `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    res.setHeader("X-Request-Id", requestId);
    const method = (req.method ?? "GET").toUpperCase();
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const ctx: Ctx = {
      sim,
      method,
      url,
      pathname: q < 0 ? url : url.slice(0, q),
      query: new URLSearchParams(q < 0 ? "" : url.slice(q + 1)),
      params: {},
      headers: req.headers,
      body: Buffer.alloc(0),
      nowMs: sim.now(),
      requestId,
      identity: null,
    };
    const body = await readBody(req);
    if (body === null) {
      const tooLarge = new GatewayError(413, "APIGW.0201", "Request entity too large: the body exceeds 12 MB");
      return send(res, { ...errorReply(tooLarge, requestId), headers: { Connection: "close" } });
    }
    ctx.body = body;

    if (ctx.pathname === "/__sim" || ctx.pathname.startsWith("/__sim/")) {
      let reply: Reply;
      try {
        reply = handleAdmin(ctx);
      } catch (error) {
        reply = errorReply(error, requestId);
      }
      return send(res, reply);
    }

    const match = matchRoute(method, ctx.pathname);
    if (!match) return send(res, errorReply(routeNotFound(), requestId));
    const { route } = match;
    ctx.params = match.params;

    sim.calls.receive(route.operation);
    const rule = sim.faults.take(method, ctx.pathname);
    const after = rule?.phase === "after";
    if (rule && !after) {
      if (rule.latencyMs) await sleep(rule.latencyMs);
      const effect = faultEffect(rule, requestId, sim.now());
      if (effect.kind !== "continue") sim.calls.countFault(route.operation);
      if (applyEffect(effect, req, res)) return;
      ctx.nowMs = sim.now();
    }

    let reply: Reply;
    let authenticated = !route.authenticated;
    try {
      if (route.authenticated) {
        ctx.identity = authenticate(ctx);
        authenticated = true;
      }
      sim.calls.count(route.operation);
      reply = route.handler(ctx);
    } catch (error) {
      if (!authenticated) sim.calls.countRefused(route.operation);
      reply = errorReply(error, requestId);
    }
    if (route.operation === "StartDeployTask" && authenticated) {
      const created = reply.status === 200 ? (reply.body as { id?: unknown } | undefined)?.id : undefined;
      sim.calls.starts.push({
        taskId: ctx.params.task_id ?? "",
        body: parsedOrRaw(ctx.body),
        ...(typeof created === "string" ? { recordId: created } : {}),
        status: reply.status,
        at: ctx.nowMs,
      });
    }
    if (rule && after) {
      // The service has acted; the answer is delayed, replaced or lost on the way back.
      if (rule.latencyMs) await sleep(rule.latencyMs);
      const effect = faultEffect(rule, requestId, sim.now());
      if (effect.kind !== "continue") sim.calls.countFault(route.operation);
      if (applyEffect(effect, req, res)) return;
    }
    send(res, reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, errorReply(error, String(res.getHeader("X-Request-Id") ?? ""))));
  });

  return {
    get url() {
      return urlOf();
    },
    get port() {
      return port;
    },
    calls: sim.calls,
    state: sim,
    listen: () =>
      new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          port = (server.address() as AddressInfo).port;
          sim.baseUrl = urlOf();
          resolve();
        });
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    reset: () => sim.reset(),
    addFaults: (rules) => sim.faults.add(rules),
    clearFaults: () => sim.faults.clear(),
  };
}
