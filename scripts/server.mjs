#!/usr/bin/env node
// The console's HTTP server: Next.js's request handler behind Node's http server, which stamps every request with
// the address of the socket it arrived on (`x-console-peer`, overwritten whatever the client sent). Next.js
// itself fills X-Forwarded-For with the socket address only when the client sent none, so without this stamp a
// client could name its own address; lib/server/client-address.ts trusts forwarding headers only from
// TRUSTED_PROXIES, starting from this stamp. Started by scripts/start.mjs (`npm start`): PORT, HOSTNAME_BIND.
import { createServer } from "node:http";
import next from "next";

/** Read by lib/server/client-address.ts (PEER_HEADER there). */
const PEER_HEADER = "x-console-peer";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME_BIND ?? "0.0.0.0";
const app = next({ dev: false, dir: new URL("..", import.meta.url).pathname, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
  void handle(req, res);
});
server.listen(port, hostname, () => console.log(`Console listening on http://${hostname}:${port}`));

// SIGTERM (SIGINT): stop taking connections and say so to GET /api/ready; let the requests in progress finish — for
// at most SHUTDOWN_TIMEOUT_MS (25 s; a start cut off then stays `requested`, and another replica's reconciler
// settles it) —, then end the background loops, give up this process's leases and close the database
// (lib/server/lifecycle.ts), and exit 0.
const DRAINING = Symbol.for("codearts-console.draining");
const SHUTDOWN = Symbol.for("codearts-console.shutdown");
const drainMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 25_000);
const line = (msg, fields = {}) => console.log(JSON.stringify({ time: new Date().toISOString(), level: "info", msg, ...fields }));
let open = 0;
server.on("request", (_req, res) => {
  open++;
  res.once("close", () => {
    open--;
    // A kept-alive connection whose request just ended is idle now: closed, so the drain can end.
    if (stopping) server.closeIdleConnections();
  });
});
let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  globalThis[DRAINING] = true;
  const t0 = Date.now();
  line("shutdown: draining", { signal, requests: open, timeoutMs: drainMs });
  const closed = new Promise((resolve) => server.close(() => resolve(true)));
  server.closeIdleConnections();
  const drained = await Promise.race([closed, new Promise((resolve) => setTimeout(() => resolve(false), drainMs).unref())]);
  if (!drained) {
    line("shutdown: drain time is up, closing the remaining connections", { requests: open });
    server.closeAllConnections();
  }
  try {
    await Promise.race([globalThis[SHUTDOWN]?.(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  } catch (err) {
    console.error(JSON.stringify({ time: new Date().toISOString(), level: "error", msg: "shutdown failed", detail: String(err) }));
  }
  line("shutdown: done", { ms: Date.now() - t0 });
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
