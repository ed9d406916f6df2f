// The request makers of steps 1 and 2: each call builds the next request of a load run for one side (direct on the
// simulator, signed; the console, with the session; the floors), round-robin over the read targets and start tasks.
import { randomBytes } from "node:crypto";
import { CONSOLE, SIM } from "./config.mjs";

/** A start without parameters through the console: the session, a same-origin Origin and its own Idempotency-Key. */
export function consoleStartRequest(session, taskId, key) {
  return {
    method: "POST",
    path: `/api/tasks/${taskId}/start`,
    headers: { ...(session ? { cookie: session.header } : {}), origin: CONSOLE, "content-type": "application/json", "idempotency-key": key },
    body: '{"params":[]}',
  };
}

export function requestMakers({ sign, session, readTargets, startTasks }) {
  // The console walks the read targets on its own counter: every record once before any again, whatever the other
  // sides read in between (it keeps fewer finished statuses than there are targets: each of its reads goes upstream).
  let r = 0;
  let rc = 0;
  let s = 0;
  let keySeq = 0;
  const runTag = randomBytes(4).toString("hex");
  const cookie = session ? { cookie: session.header } : {};
  const nextRead = () => readTargets[r++ % readTargets.length];
  const nextTask = () => startTasks[s++ % startTasks.length];
  return {
    directRead: () => {
      const t = nextRead();
      const q = sign({ base: SIM, method: "GET", path: `/v2/tasks/${t.taskId}/state`, query: { record_id: t.recordId, step_state: true } });
      return { method: "GET", path: q.path, headers: q.headers };
    },
    consoleRead: () => {
      const t = readTargets[rc++ % readTargets.length];
      return { method: "GET", path: `/api/tasks/${t.taskId}/records/${t.recordId}`, headers: { ...cookie } };
    },
    // Next.js's own cost per request in this console: a route handler answering a constant JSON (/api skips proxy.ts).
    consoleHealth: () => ({ method: "GET", path: "/api/health", headers: { ...cookie } }),
    floorRead: () => {
      const t = nextRead();
      return { method: "GET", path: `/api/tasks/${t.taskId}/records/${t.recordId}`, headers: {} };
    },
    // The console sends `{}` upstream for a start without parameters; the direct side sends the same.
    directStart: () => {
      const t = nextTask();
      const q = sign({ base: SIM, method: "POST", path: `/v2/tasks/${t.taskId}/start`, body: {} });
      return { method: "POST", path: q.path, headers: q.headers, body: q.body };
    },
    // The floors' start route: the same body, no session, key or Origin (they have none of the console's checks).
    floorStart: () => {
      const t = nextTask();
      return { method: "POST", path: `/api/tasks/${t.taskId}/start`, headers: { "content-type": "application/json" }, body: '{"params":[]}' };
    },
    consoleStart: () => consoleStartRequest(session, nextTask().taskId, `bench-${runTag}-${++keySeq}`),
  };
}
