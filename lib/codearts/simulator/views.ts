/** Builders of wire shapes (per shared/reference/codearts-deploy-api.md) from the simulator's model. */
import { DEMO_CODEARTS_PROJECT_ID, DEMO_CODEARTS_PROJECT_NAME, DEMO_DOMAIN_ID, DEMO_DOMAIN_NAME, DEMO_REGION } from "../demo";
import { logLines, stepOffsets } from "./log";
import type { SimApp, SimRecord, SimTask } from "./model";
import { type RecordView, viewRecord } from "./run-state";
import type { SimStore } from "./store";
import { formatDuration, formatLocal, formatLocalDotZero } from "./time";

function permissions(app: SimApp) {
  return {
    can_modify: true,
    can_delete: true,
    can_view: true,
    can_execute: !app.isDisable,
    can_copy: true,
    can_manage: true,
    can_create_env: true,
    can_disable: true,
  };
}

export function latestView(store: SimStore, task: SimTask, nowMs: number): RecordView | undefined {
  const latest = store.latestRecord(task.id);
  return latest ? viewRecord(latest, task, nowMs) : undefined;
}

/** AOM components; "1" (effective) once the task's latest record succeeded, "0" otherwise. */
export function componentList(task: SimTask, state: "0" | "1") {
  return task.components.map((c) => ({
    task_id: task.id,
    app_id: c.appId,
    app_name: c.appName,
    comp_id: c.compId,
    comp_name: c.compName,
    domain_id: DEMO_DOMAIN_ID,
    region: DEMO_REGION,
    state,
  }));
}

function componentsNow(task: SimTask, latest: RecordView | undefined) {
  return componentList(task, latest?.status === "succeeded" ? "1" : "0");
}

function stepsMap(task: SimTask) {
  return Object.fromEntries(task.steps.map((s) => [s.key, { id: s.id, name: s.name, params: { ...s.params }, enable: s.enable }]));
}

/** Last-execution fields shared by AppExecutionInfo and TaskInfo. */
function lastExecution(latest: RecordView | undefined) {
  if (!latest) {
    return {
      execution_state: "not_executed",
      execution_time: null,
      end_time: null,
      duration: null,
      release_id: null,
      executor_id: null,
      executor_nick_name: null,
    };
  }
  return {
    execution_state: latest.status,
    execution_time: formatLocal(latest.record.startMs),
    end_time: latest.finished ? formatLocal(latest.endMs) : null,
    duration: formatDuration(latest.elapsedMs),
    release_id: latest.record.releaseId,
    executor_id: latest.record.operator.id,
    executor_nick_name: latest.record.operator.nickname,
  };
}

const project = { project_id: DEMO_CODEARTS_PROJECT_ID, project_name: DEMO_CODEARTS_PROJECT_NAME };

/** AppExecutionInfo (ListAllApp item). */
export function appExecutionInfo(app: SimApp, latest: RecordView | undefined) {
  return {
    id: app.id,
    name: app.name,
    is_disable: app.isDisable,
    ...project,
    is_care: app.isCare,
    ...permissions(app),
    deploy_system: app.deploySystem,
    create_user_id: app.creator.id,
    create_tenant_id: DEMO_DOMAIN_ID,
    create_time: formatLocal(app.createdMs),
    update_time: formatLocal(app.updatedMs),
    ...lastExecution(latest),
    arrange_infos: [{ id: app.task.id, state: app.task.state, deploy_system: app.deploySystem }],
  };
}

/** Fields common to TaskV2Info (app detail) and TaskInfo (v2 task APIs). */
function taskCommon(app: SimApp, latest: RecordView | undefined) {
  const { task } = app;
  return {
    id: task.id,
    name: task.name,
    state: task.state,
    description: task.description,
    owner: task.owner.name,
    steps: stepsMap(task),
    ...project,
    deploy_system: app.deploySystem,
    create_time: formatLocal(task.createdMs),
    update_time: formatLocal(task.updatedMs),
    role_id: -1,
    is_defaut_permission: true, // sic: the API's spelling
    template_id: task.templateId,
    nick_name: task.owner.nickname,
    owner_id: task.owner.id,
    tenant_id: DEMO_DOMAIN_ID,
    tenant_name: DEMO_DOMAIN_NAME,
    slave_cluster_id: null,
    is_care: app.isCare,
    ...permissions(app),
    app_component_list: componentsNow(task, latest),
    release_id: latest?.record.releaseId ?? null,
    app_id: app.id,
    is_disable: app.isDisable,
  };
}

/** TaskInfo (ListDeployTasks item, ShowDeployTaskDetail answer): `state` is Available/Draft, the run result is
 * in `execution_state`. */
export function taskInfo(app: SimApp, latest: RecordView | undefined) {
  return { ...taskCommon(app, latest), task_id: app.task.id, ...lastExecution(latest) };
}

/** AppDetailInfo (ShowAppDetailById result); its times carry the ".0" suffix. */
export function appDetail(app: SimApp, latest: RecordView | undefined) {
  return {
    id: app.id,
    name: app.name,
    region: DEMO_REGION,
    description: app.description,
    is_disable: app.isDisable,
    create_type: "template",
    ...project,
    slave_cluster_id: null,
    is_care: app.isCare,
    ...permissions(app),
    owner_tenant_id: DEMO_DOMAIN_ID,
    create_user_id: app.creator.id,
    create_tenant_id: DEMO_DOMAIN_ID,
    create_time: formatLocalDotZero(app.createdMs),
    update_time: formatLocalDotZero(app.updatedMs),
    permission_level: "project",
    arrange_infos: [taskCommon(app, latest)],
  };
}

/** ExecuteRecordV2Body (history item). */
export function historyItem(view: RecordView) {
  const { record } = view;
  return {
    execution_id: record.id,
    state: view.status,
    operator: record.operator.name,
    nickname: record.operator.nickname,
    start_time: formatLocal(record.startMs),
    end_time: view.finished ? formatLocal(view.endMs) : null,
    duration: formatDuration(view.elapsedMs),
    release_id: record.releaseId,
    type: record.type,
  };
}

/** StateInfo (ShowDeployStatus result). */
export function stateInfo(app: SimApp, view: RecordView, nowMs: number, withSteps: boolean) {
  const { record } = view;
  const base = {
    status: view.status,
    step: view.finished ? "finish" : "running",
    nick_name: record.operator.nickname,
    record_id: record.id,
    task_id: record.taskId,
    start_time: formatLocal(record.startMs),
    end_time: view.finished ? formatLocal(view.endMs) : null,
    executor: record.operator.name,
    task_name: app.task.name,
  };
  if (!withSteps) return base;
  const offsets = stepOffsets(logLines(app, view, nowMs), view.steps.length);
  const stepState = view.steps.map((p, i) => ({
    id: Number(p.step.id),
    name: p.step.name,
    enable: p.step.enable,
    elapsed_time: p.elapsedMs,
    offset: offsets[i]?.offset ?? 0,
    current_offset: offsets[i]?.current ?? 0,
    region: DEMO_REGION,
    // StepInfo documents faq_url as a string; only a failed step has a page to point at.
    faq_url: p.status === "failed" ? p.step.faqUrl : "",
  }));
  return { ...base, step_state: stepState };
}

/** ShowExecutionParams items: `name` not `key`; secrets blank; numeric text values as JSON numbers (doc quirk). */
export function executionParams(record: SimRecord) {
  return record.params.map((p) => {
    if (p.type === "encrypt") return { name: p.name, type: p.type, value: "" };
    if (p.type === "text" && /^(0|[1-9]\d{0,14})$/.test(p.value)) return { name: p.name, type: p.type, value: Number(p.value) };
    return { name: p.name, type: p.type, value: p.value };
  });
}
