/** Console answers for the CLI's unit tests: one task with text, enum and secret parameters, its records and apps. */
import type { AppItem } from "../../lib/schemas/apps";
import type { RecordDetail, RecordSummary } from "../../lib/schemas/records";
import type { TaskAnswer } from "../../lib/schemas/tasks";

export const TASK_ID = "0123456789abcdef0123456789abcdef";
export const RECORD_ID = "fedcba9876543210fedcba9876543210";
/** Record id of release #n (32 characters of 0-9a-z). */
export const recordIdOf = (n: number) => `r${String(n).padStart(31, "0")}`;

export function task(over: Partial<TaskAnswer> = {}): TaskAnswer {
  return {
    taskId: TASK_ID,
    appId: "a".repeat(32),
    name: "订单服务",
    description: null,
    projectName: "retail",
    draft: false,
    disabled: false,
    deploySystem: "deployTemplate",
    owner: null,
    createdAt: null,
    updatedAt: null,
    triggerSource: "0",
    steps: [{ key: "step1", name: "Stop Service", enabled: true }],
    params: [
      { name: "image_tag", type: "text", value: "v1.0.0", source: "last_run", options: [] },
      { name: "log_level", type: "enum", value: "info", source: "last_run", options: ["info", "debug"] },
      { name: "db_password", type: "encrypt", value: null, source: "last_run", options: [] },
    ],
    components: [],
    lastRecordId: null,
    access: { role: "deployer", canDeploy: true, denyReason: null, grantors: [], protected: false },
    inFlight: null,
    mine: null,
    lock: null,
    freeze: { active: [], upcoming: [], canOverride: false },
    approvalRequired: false,
    ...over,
  };
}

export function app(name: string, taskId: string | null, over: Partial<AppItem> = {}): AppItem {
  return {
    appId: "b".repeat(32),
    taskId,
    name,
    projectName: "retail",
    lastState: "succeeded",
    lastRunAt: null,
    executor: null,
    releaseId: 3,
    duration: null,
    favourite: false,
    disabled: false,
    draft: false,
    triggerSource: "0",
    deploySystem: null,
    access: { role: "deployer", canDeploy: true, denyReason: null, grantors: [], protected: false },
    ...over,
  };
}

export function summary(release: number): RecordSummary {
  return {
    recordId: recordIdOf(release),
    releaseId: release,
    state: "succeeded",
    operator: null,
    startTime: null,
    endTime: null,
    duration: null,
    type: null,
  };
}

type StepState = RecordDetail["steps"][number]["state"];

export function record(state: RecordDetail["state"], steps: StepState[], over: Partial<RecordDetail> = {}): RecordDetail {
  const finished = !["running", "pending", "not_started"].includes(state);
  return {
    recordId: RECORD_ID,
    taskId: TASK_ID,
    taskName: "订单服务",
    state,
    finished,
    executor: null,
    startTime: "2026-12-08T09:59:00.000Z",
    endTime: finished ? "2026-12-08T10:00:03.000Z" : null,
    steps: steps.map((s, i) => ({
      id: String(i + 1),
      name: ["Stop Service", "Install", "Health Test"][i] ?? `Step ${i + 1}`,
      enabled: true,
      state: s,
      elapsedMs: null,
      faqUrl: null,
    })),
    components: [],
    appId: null,
    ...over,
  };
}

export const startAnswer = (recordId = RECORD_ID) => ({ id: recordId, task_id: TASK_ID, job_name: "job-1", app_component_list: [] });
