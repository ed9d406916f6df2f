// What the floors do — the least any proxy does for two console routes, each through the console's own transport
// (callRaw of lib/codearts/http.ts: the official SDK signer, node:http with keep-alive), with no session, database,
// validation or reshaping. Served by bench/plain-proxy.mjs (plain Node.js http) and bench/next-floor (a bare
// Next.js app's route handlers).
// - Read, GET /api/tasks/{taskId}/records/{recordId}: the console route's upstream calls, ShowDeployStatus on every
//   read and ShowDeployTaskDetail in parallel only when the task's detail is older than the console's
//   TASK_INFO_TTL_MS (lib/codearts/tasks.ts); a small JSON answer.
// - Start, POST /api/tasks/{taskId}/start: parse the JSON body, make the one StartDeployTask call (`{}` for a start
//   without parameters, as the console sends), answer the cloud's JSON. No ledger, idempotency key or guard.

/** The read route's path, with the task and record ids. */
export const RECORD_ROUTE = /^\/api\/tasks\/([a-z0-9]{32})\/records\/([a-z0-9]{32})$/;
/** The start route's path, with the task id. */
export const START_ROUTE = /^\/api\/tasks\/([a-z0-9]{32})\/start$/;

/** The floors' settings from the environment (UPSTREAM, CLOUD_SDK_*, FLOOR_TASK_TTL_MS); throws naming what is missing. */
export function floorSettings(env) {
  for (const name of ["CLOUD_SDK_AK", "CLOUD_SDK_SK"]) if (!env[name]) throw new Error(`${name} is required`);
  return {
    upstream: (env.UPSTREAM ?? "http://127.0.0.1:9500").replace(/\/+$/, ""),
    auth: { kind: "aksk", ak: env.CLOUD_SDK_AK, sk: env.CLOUD_SDK_SK, projectId: env.CLOUD_SDK_PROJECT_ID },
    // The same reuse as the console: `npm run bench` passes lib/codearts/tasks.ts's TASK_INFO_TTL_MS; 30 s alone.
    taskTtlMs: Number(env.FLOOR_TASK_TTL_MS ?? 30_000),
    timeoutMs: Number(env.UPSTREAM_TIMEOUT_MS ?? 15_000),
  };
}

/** A failed upstream call (CodeArtsError): the cloud's 4xx passed on, anything else 502. */
function upstreamFailure(err) {
  const status = err.status >= 400 && err.status < 500 ? err.status : 502;
  return { status, body: { error: { code: "upstream", message: String(err.message) } } };
}

/**
 * @param {ReturnType<typeof floorSettings> & { callRaw: typeof import("../../lib/codearts/http.ts").callRaw }} o
 * @returns {(taskId: string, recordId: string) => Promise<{ status: number, body: unknown }>}
 */
export function makeRecordReader({ upstream, auth, taskTtlMs, timeoutMs, callRaw }) {
  const tasks = new Map();
  // callRaw reads no schema (call() does); the floors take the JSON as it comes.
  const get = (operation, path, query) =>
    callRaw({ operation, method: "GET", base: upstream, path, query, schema: null, timeoutMs, idempotent: true }, auth).then((raw) => raw.json);

  function taskDetail(taskId) {
    const now = Date.now();
    const known = tasks.get(taskId);
    if (known && now - known.at < taskTtlMs) return known.task;
    const task = get("ShowDeployTaskDetail", `/v2/tasks/${taskId}`);
    tasks.set(taskId, { at: now, task });
    task.catch(() => tasks.delete(taskId));
    return task;
  }

  return async function read(taskId, recordId) {
    try {
      const [state, task] = await Promise.all([
        get("ShowDeployStatus", `/v2/tasks/${taskId}/state`, { record_id: recordId, step_state: true }),
        taskDetail(taskId),
      ]);
      const s = state.result ?? {};
      return {
        status: 200,
        body: {
          recordId: s.record_id ?? recordId,
          taskId,
          taskName: s.task_name ?? task.name ?? null,
          status: s.status ?? null,
          steps: s.step_state ?? [],
          components: task.app_component_list ?? [],
          appId: task.app_id ?? null,
          startTime: s.start_time ?? null,
          endTime: s.end_time ?? null,
        },
      };
    } catch (err) {
      return upstreamFailure(err);
    }
  };
}

/**
 * @param {ReturnType<typeof floorSettings> & { callRaw: typeof import("../../lib/codearts/http.ts").callRaw }} o
 * @returns {(taskId: string, bodyText: string) => Promise<{ status: number, body: unknown }>}
 */
export function makeStarter({ upstream, auth, timeoutMs, callRaw }) {
  return async function start(taskId, bodyText) {
    let params;
    try {
      params = JSON.parse(bodyText || "{}").params ?? [];
    } catch {
      return { status: 400, body: { error: { code: "invalid_json", message: "The body is not valid JSON." } } };
    }
    try {
      const raw = await callRaw(
        {
          operation: "StartDeployTask",
          method: "POST",
          base: upstream,
          path: `/v2/tasks/${taskId}/start`,
          body: params.length ? { params } : {},
          schema: null,
          timeoutMs,
          idempotent: false,
        },
        auth,
      );
      return { status: 200, body: raw.json };
    } catch (err) {
      return upstreamFailure(err);
    }
  };
}
