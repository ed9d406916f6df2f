/**
 * A task with its runtime parameter definitions, from what the real API offers: `${name}` references in the steps
 * (ShowDeployTaskDetail), the trigger rule (ShowTaskTrigger) and the latest records' parameters (ShowExecutionParams).
 */
import type { ParamDefinition, TaskDetail } from "../schemas/tasks";
import { aomComponentsOf } from "../schemas/record-views";
import type { CodeArtsClient } from "./client";
import { executionParams, recentRecords } from "./records";
import { taskStateOf, toParamDefinitions } from "./reshape";
import type { TaskLookup } from "./tasks";
import type { TriggerRules } from "./triggers";

/** How many recent records feed the parameter definitions (types, last values, enum options). */
const PARAM_HISTORY_RECORDS = 5;

export async function getTask(client: CodeArtsClient, tasks: TaskLookup, triggers: TriggerRules, input: { taskId: string }): Promise<TaskDetail> {
  const [task, trigger, recent] = await Promise.all([
    tasks.taskInfo(input.taskId),
    triggers.read(input.taskId),
    recentRecords(client, input.taskId, PARAM_HISTORY_RECORDS),
  ]);
  const recordParams = await Promise.all(recent.map((r) => executionParams(client, input.taskId, r.execution_id)));
  const params: ParamDefinition[] = toParamDefinitions(task.steps ?? {}, recordParams);
  return {
    taskId: task.task_id ?? task.id,
    appId: task.app_id ?? null,
    name: task.name ?? task.id,
    description: task.description || null,
    projectName: task.project_name ?? null,
    draft: taskStateOf(task.state, task.execution_state).draft,
    disabled: task.is_disable ?? false,
    deploySystem: task.deploy_system ?? null,
    owner: task.nick_name ?? task.owner ?? null,
    createdAt: null,
    updatedAt: null,
    triggerSource: trigger,
    steps: Object.entries(task.steps ?? {}).map(([key, s]) => ({ key, name: s.name ?? key, enabled: s.enable ?? true })),
    params,
    components: aomComponentsOf(task.app_component_list),
    lastRecordId: recent[0]?.execution_id ?? null,
  };
}
