// The data the steps run on, read and written straight on the simulator with signed requests: the generated bench
// apps' tasks, a task's latest record, and a long history for one task.
import { SIM } from "./config.mjs";
import { sleep } from "./procs.mjs";
import { signedFetch } from "./sign.mjs";

export async function listBenchTasks(sign, projectId) {
  const tasks = [];
  let total = Infinity;
  for (let page = 1; page <= 100 && (page - 1) * 100 < total; page++) {
    const r = await signedFetch(sign, {
      base: SIM,
      method: "POST",
      path: "/v1/applications/list",
      body: { project_id: projectId, page, size: 100, sort_name: "name", sort_by: "ASC" },
    });
    if (r.status !== 200) throw new Error(`ListAllApp answered ${r.status}: ${r.text.slice(0, 300)}`);
    total = r.json.total_num ?? 0;
    for (const app of r.json.result ?? []) {
      const task = app.arrange_infos?.[0];
      if (task && /^bench-app-\d+$/.test(app.name)) tasks.push({ taskId: task.id, appId: app.id, name: app.name });
    }
  }
  return { tasks, totalApps: total };
}

export async function latestRecordOf(sign, taskId) {
  const r = await signedFetch(sign, { base: SIM, method: "GET", path: `/v2/tasks/${taskId}/state`, query: { step_state: true } });
  return r.status === 200 ? (r.json.result?.record_id ?? null) : null;
}

/** `n` new records on one task, one after the other (each start waits for the last to finish); their ids. */
export async function startRecords(sign, taskId, n) {
  const ids = [];
  for (let attempt = 0; ids.length < n && attempt < 50 * n; attempt++) {
    const r = await signedFetch(sign, { base: SIM, method: "POST", path: `/v2/tasks/${taskId}/start`, body: {} });
    if (r.status === 200) ids.push(r.json.id);
    else if (r.status === 400 && /Deploy\.00011027/.test(r.text)) await sleep(5);
    else throw new Error(`StartDeployTask on ${taskId} answered ${r.status}: ${r.text.slice(0, 300)}`);
  }
  if (ids.length < n) throw new Error(`could only start ${ids.length} of ${n} records on ${taskId}`);
  return ids;
}

/** Start records on one task until its history holds `target` records; each start waits for the last to finish. */
export async function fillHistory(sign, taskId, have, target) {
  let created = 0;
  let refused = 0;
  const deadline = Date.now() + 120_000;
  for (let attempt = 0; have + created < target && attempt < 20 * target && Date.now() < deadline; attempt++) {
    const r = await signedFetch(sign, { base: SIM, method: "POST", path: `/v2/tasks/${taskId}/start`, body: {} });
    if (r.status === 200) created++;
    else if (r.status === 400 && /Deploy\.00011027/.test(r.text)) {
      refused++;
      await sleep(5);
    } else throw new Error(`StartDeployTask on ${taskId} answered ${r.status}: ${r.text.slice(0, 300)}`);
  }
  if (have + created < target) throw new Error(`could only reach ${have + created} of ${target} records on ${taskId}`);
  return { created, refused };
}
