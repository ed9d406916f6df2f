#!/usr/bin/env node
// The floor of what any proxy costs: a minimal plain Node.js signing proxy for the console's read route
// GET /api/tasks/{taskId}/records/{recordId}. It makes the same upstream calls as the console's route:
// ShowDeployStatus on every read and ShowDeployTaskDetail in parallel only when the task's detail is older than
// TASK_INFO_TTL_MS (the console reuses it as long, lib/codearts/tasks.ts), each signed with the official Huawei SDK
// signer like lib/codearts/http.ts and sent with fetch, and answers a small JSON — no framework, no session, no
// validation, no reshaping. `npm run bench` starts it as its own process; it can also run alone:
//   PLAIN_PROXY_PORT=3501 UPSTREAM=http://127.0.0.1:9500 CLOUD_SDK_AK=… CLOUD_SDK_SK=… CLOUD_SDK_PROJECT_ID=… node bench/plain-proxy.mjs
import { createServer } from "node:http";
import { makeSigner } from "./lib/sign.mjs";

const port = Number(process.env.PLAIN_PROXY_PORT ?? 3501);
const host = process.env.PLAIN_PROXY_HOST ?? "127.0.0.1";
const upstream = (process.env.UPSTREAM ?? "http://127.0.0.1:9500").replace(/\/+$/, "");
const timeoutMs = Number(process.env.UPSTREAM_TIMEOUT_MS ?? 15_000);
for (const name of ["CLOUD_SDK_AK", "CLOUD_SDK_SK"]) {
  if (!process.env[name]) {
    console.error(`plain-proxy: ${name} is required`);
    process.exit(1);
  }
}
const sign = makeSigner({ ak: process.env.CLOUD_SDK_AK, sk: process.env.CLOUD_SDK_SK, projectId: process.env.CLOUD_SDK_PROJECT_ID });

// The same reuse as the console: `npm run bench` passes lib/codearts/tasks.ts's TASK_INFO_TTL_MS; 30 s alone.
const TASK_INFO_TTL_MS = Number(process.env.PLAIN_PROXY_TASK_TTL_MS ?? 30_000);
const tasks = new Map();
function taskDetail(taskId) {
  const now = Date.now();
  const known = tasks.get(taskId);
  if (known && now - known.at < TASK_INFO_TTL_MS) return known.task;
  const task = upstreamJson({ method: "GET", path: `/v2/tasks/${taskId}` });
  tasks.set(taskId, { at: now, task });
  task.catch(() => tasks.delete(taskId));
  return task;
}

const ROUTE = /^\/api\/tasks\/([a-z0-9]{32})\/records\/([a-z0-9]{32})$/;

async function upstreamJson(spec) {
  const req = sign({ base: upstream, ...spec });
  const headers = req.headers;
  delete headers.host; // fetch derives the same host[:port] from the URL
  const res = await fetch(req.url, { method: spec.method, headers, body: req.body, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  if (!res.ok) {
    const err = new Error(`upstream ${res.status}`);
    err.status = res.status;
    err.body = text;
    throw err;
  }
  return JSON.parse(text);
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "cache-control": "no-store" });
  res.end(text);
}

const server = createServer((req, res) => {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method === "GET" && path === "/health") return send(res, 200, { ok: true });
  const m = req.method === "GET" ? ROUTE.exec(path) : null;
  if (!m) return send(res, 404, { error: { code: "not_found", message: "no such route" } });
  const [, taskId, recordId] = m;
  Promise.all([
    upstreamJson({ method: "GET", path: `/v2/tasks/${taskId}/state`, query: { record_id: recordId, step_state: true } }),
    taskDetail(taskId),
  ]).then(
    ([state, task]) => {
      const s = state.result ?? {};
      send(res, 200, {
        recordId: s.record_id ?? recordId,
        taskId,
        taskName: s.task_name ?? task.name ?? null,
        status: s.status ?? null,
        steps: s.step_state ?? [],
        components: task.app_component_list ?? [],
        appId: task.app_id ?? null,
        startTime: s.start_time ?? null,
        endTime: s.end_time ?? null,
      });
    },
    (err) => send(res, err.status && err.status < 500 ? err.status : 502, { error: { code: "upstream", message: String(err.message) } }),
  );
});
server.keepAliveTimeout = 5_000;

server.listen(port, host, () => console.log(`plain proxy listening on http://${host}:${port} → ${upstream}`));
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2_000).unref();
  });
}
