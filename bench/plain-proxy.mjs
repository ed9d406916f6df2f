#!/usr/bin/env node
// The floor of what any proxy costs: a minimal plain Node.js signing proxy for the console's read route
// GET /api/tasks/{taskId}/records/{recordId} and start route POST /api/tasks/{taskId}/start, making the same
// upstream calls through the console's own transport (bench/lib/floor-proxy.mjs) with no framework around them. `npm run bench` starts it as its own process; it can also run alone:
//   PLAIN_PROXY_PORT=3501 UPSTREAM=http://127.0.0.1:9500 CLOUD_SDK_AK=… CLOUD_SDK_SK=… CLOUD_SDK_PROJECT_ID=… node bench/plain-proxy.mjs
import { createServer } from "node:http";
import { tsImport } from "tsx/esm/api";
import { RECORD_ROUTE, START_ROUTE, floorSettings, makeRecordReader, makeStarter } from "./lib/floor-proxy.mjs";

const port = Number(process.env.PLAIN_PROXY_PORT ?? 3501);
const host = process.env.PLAIN_PROXY_HOST ?? "127.0.0.1";
let settings;
try {
  settings = floorSettings(process.env);
} catch (err) {
  console.error(`plain-proxy: ${err.message}`);
  process.exit(1);
}
const { callRaw } = await tsImport("../lib/codearts/http.ts", import.meta.url);
const read = makeRecordReader({ ...settings, callRaw });
const start = makeStarter({ ...settings, callRaw });

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "cache-control": "no-store" });
  res.end(text);
}

const server = createServer((req, res) => {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method === "GET" && path === "/health") return send(res, 200, { ok: true });
  const reading = req.method === "GET" ? RECORD_ROUTE.exec(path) : null;
  if (reading) return void read(reading[1], reading[2]).then(({ status, body }) => send(res, status, body));
  const starting = req.method === "POST" ? START_ROUTE.exec(path) : null;
  if (!starting) return send(res, 404, { error: { code: "not_found", message: "no such route" } });
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => start(starting[1], Buffer.concat(chunks).toString("utf8")).then(({ status, body }) => send(res, status, body)));
});
server.keepAliveTimeout = 5_000;

server.listen(port, host, () => console.log(`plain proxy listening on http://${host}:${port} → ${settings.upstream}`));
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2_000).unref();
  });
}
