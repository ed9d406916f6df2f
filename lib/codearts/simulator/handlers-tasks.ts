/** v2 task APIs: ListDeployTasks, ShowDeployTaskDetail, ShowTaskTrigger, StartDeployTask, StopDeployTask. */
import {
  envExecutionBodySchema,
  listDeployTasksResponseSchema,
  showDeployTaskDetailResponseSchema,
  showTaskTriggerResponseSchema,
  startDeployTaskResponseSchema,
  stopDeployTaskResponseSchema,
} from "../schemas";
import { ERR, intParam, paginate, requireId, requireProject, requireRecordOf, requireTask } from "./common";
import { DEMO_IAM_USER } from "../demo";
import { answer, parseBody, type Reply } from "./http";
import { stableId } from "./ids";
import type { RecordParam, SimRecord, SimUser } from "./model";
import { viewRecord } from "./run-state";
import type { Ctx } from "./state";
import { componentList, latestView, taskInfo } from "./views";

/** Who new records are attributed to: the demo IAM user (token and AK/SK both act as that user). */
const DEMO_OPERATOR: SimUser = { id: stableId(`iam-user:${DEMO_IAM_USER}`), name: DEMO_IAM_USER, nickname: DEMO_IAM_USER };

// GET /v2/{project_id}/tasks/list?page=&size=
export function listDeployTasks(ctx: Ctx): Reply {
  const page = intParam(ctx, "page", 1, 99999);
  const size = intParam(ctx, "size", 1, 100);
  requireProject(requireId(ctx.params.project_id, "project_id"));
  const { store } = ctx.sim;
  const apps = [...store.apps].sort((a, b) => b.task.createdMs - a.task.createdMs || (a.id < b.id ? -1 : 1));
  const result = paginate(apps, page, size).map((app) => taskInfo(app, latestView(store, app.task, ctx.nowMs)));
  return answer(listDeployTasksResponseSchema, { total_num: apps.length, result });
}

// GET /v2/tasks/{task_id} — a bare TaskInfo.
export function showDeployTaskDetail(ctx: Ctx): Reply {
  const { app, task } = requireTask(ctx, requireId(ctx.params.task_id, "task_id"));
  return answer(showDeployTaskDetailResponseSchema, taskInfo(app, latestView(ctx.sim.store, task, ctx.nowMs)));
}

// GET /v2/task/trigger/detail?task_id= — trigger_source is a number here although typed String (doc quirk).
export function showTaskTrigger(ctx: Ctx): Reply {
  const { task } = requireTask(ctx, requireId(ctx.query.get("task_id"), "task_id"));
  return answer(showTaskTriggerResponseSchema, {
    trigger_source: task.triggerSource,
    artifact_source_system: "Artifact",
    artifact_type: task.artifactType,
  });
}

/**
 * Parameters of a new record: the task's defaults (or, on rollback, the chosen record's parameters), with the
 * passed params overriding by key. Whether the cloud lets passed params override a rollback's is unconfirmed
 * (reference §12); we take the most tolerant reading. Keys the task does not define are kept as passed.
 */
function mergeParams(base: RecordParam[], passed: ReadonlyArray<{ key: string; value: string; type: RecordParam["type"] }>) {
  const merged = base.map((p) => ({ ...p }));
  for (const p of passed) {
    const existing = merged.find((m) => m.name === p.key);
    if (existing) existing.value = p.value;
    else merged.push({ name: p.key, type: p.type, value: p.value });
  }
  return merged;
}

// POST /v2/tasks/{task_id}/start
export function startDeployTask(ctx: Ctx): Reply {
  const taskId = requireId(ctx.params.task_id, "task_id");
  const body = parseBody(envExecutionBodySchema, ctx.body, {});
  const { task, app } = requireTask(ctx, taskId);
  if (app.isDisable) throw ERR.noPermission("the application is disabled");
  if (task.state === "Draft") throw ERR.draft();
  // trigger_source in the body is accepted but does not change the task: its exact effect is undocumented.
  if (task.triggerSource === 1) throw ERR.pipelineOnly();
  const source = body.record_id === undefined ? undefined : requireRecordOf(ctx, taskId, body.record_id);
  const latest = latestView(ctx.sim.store, task, ctx.nowMs);
  if (latest && !latest.finished) throw ERR.deploying();

  const base = source ? source.params : task.params.map((def) => ({ name: def.name, type: def.type, value: def.value }));
  const id = ctx.sim.store.newRecordId();
  const record: SimRecord = {
    id,
    taskId,
    appId: app.id,
    releaseId: ctx.sim.store.nextReleaseId(taskId),
    startMs: ctx.nowMs,
    stepMs: ctx.sim.stepMs,
    failAtStep: task.failAtStep,
    operator: DEMO_OPERATOR,
    params: mergeParams(base, body.params ?? []),
    jobName: `job_${id}_${ctx.nowMs}`,
    type: source ? "rollback" : "deploy",
    rollbackOf: source?.id,
    rollbackOfRelease: source?.releaseId,
  };
  ctx.sim.store.add(record);
  return answer(startDeployTaskResponseSchema, {
    id,
    task_id: taskId,
    job_name: record.jobName,
    app_component_list: componentList(task, "0"),
  });
}

// PUT /v2/tasks/{task_id}/records/{record_id}/stop — stopping a finished record is a harmless 200.
export function stopDeployTask(ctx: Ctx): Reply {
  const taskId = requireId(ctx.params.task_id, "task_id");
  const recordId = requireId(ctx.params.record_id, "record_id");
  const { task } = requireTask(ctx, taskId);
  const record = requireRecordOf(ctx, taskId, recordId);
  if (!viewRecord(record, task, ctx.nowMs).finished) {
    record.stoppedAtMs = ctx.nowMs;
    record.stoppedBy = DEMO_OPERATOR;
  }
  return answer(stopDeployTaskResponseSchema, { status: "success", result: { id: record.id, task_id: taskId } });
}
