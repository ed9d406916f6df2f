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

// Stop taking connections, let the requests in progress finish (idle keep-alive sockets are closed), then exit.
const stop = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
