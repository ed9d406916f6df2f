/**
 * Test data: every field the reference documents for each answer the console reads, with its documented type
 * (§ numbers refer to shared/reference/codearts-deploy-api.md). Used by lib/codearts/contract.test.ts.
 */
import type { FieldSpec } from "./contract";

type Spec = Record<string, FieldSpec>;

const TASK_PERMISSIONS: Spec = {
  can_modify: "boolean",
  can_delete: "boolean",
  can_view: "boolean",
  can_execute: "boolean",
  can_copy: "boolean",
  can_manage: "boolean",
  can_disable: "boolean",
};
const APP_PERMISSIONS: Spec = { ...TASK_PERMISSIONS, can_create_env: "boolean" };

/** AppComponentDao (§5). */
export const APP_COMPONENT: Spec = {
  task_id: "id32",
  app_id: "id32",
  app_name: "string",
  comp_id: "id32",
  comp_name: "string",
  domain_id: "id32",
  region: "string",
  state: "componentState",
};

/** Step, the values of `steps` (§4): params map to strings that may hold ${name}. */
const STEP: Spec = { id: "string", name: "string", params: { "*": "string" }, enable: "boolean" };

/** AppExecutionInfo (§1), for an app that has run. */
export const APP_EXECUTION_INFO: Spec = {
  id: "id32",
  name: "string",
  duration: "duration",
  is_disable: "boolean",
  project_id: "id32",
  project_name: "string",
  is_care: "boolean",
  ...APP_PERMISSIONS,
  deploy_system: "string",
  create_user_id: "id32",
  create_tenant_id: "id32",
  create_time: "localTime",
  update_time: "localTime",
  execution_time: "localTime",
  end_time: "localTime",
  execution_state: "runState",
  release_id: "int",
  executor_id: "id32",
  executor_nick_name: "string",
  arrange_infos: [{ id: "id32", state: "taskState", deploy_system: "string" }],
};

/** The same for an app that never ran: the last-execution fields are null, `execution_state` says so. */
export const APP_EXECUTION_INFO_NEVER_RUN: Spec = {
  ...APP_EXECUTION_INFO,
  duration: "duration|null",
  execution_time: "localTime|null",
  end_time: "localTime|null",
  release_id: "int|null",
  executor_id: "id32|null",
  executor_nick_name: "string|null",
};

/** TaskV2Info (§2): the task inside the app detail. `slave_cluster_id` null = the default pool. */
export const TASK_V2_INFO: Spec = {
  id: "id32",
  name: "string",
  state: "taskState",
  description: "string",
  owner: "string",
  steps: { "*": STEP },
  project_id: "id32",
  project_name: "string",
  deploy_system: "string",
  create_time: "localTime",
  update_time: "localTime",
  role_id: "int",
  is_defaut_permission: "boolean", // sic
  template_id: "string",
  nick_name: "string",
  owner_id: "id32",
  tenant_id: "id32",
  tenant_name: "string",
  slave_cluster_id: "string|null",
  is_care: "boolean",
  ...TASK_PERMISSIONS,
  app_component_list: [APP_COMPONENT],
  release_id: "int",
  app_id: "id32",
  is_disable: "boolean",
};

/** TaskInfo (§3, §4): TaskV2Info plus the task id again and the last execution. */
export const TASK_INFO: Spec = {
  ...TASK_V2_INFO,
  task_id: "id32",
  execution_time: "localTime",
  duration: "duration",
  execution_state: "runState",
  executor_id: "id32",
  executor_nick_name: "string",
};

/** AppDetailInfo (§2): times carry ".0". */
const APP_DETAIL_INFO: Spec = {
  id: "id32",
  name: "string",
  region: "string",
  description: "string",
  is_disable: "boolean",
  create_type: "string",
  project_id: "id32",
  project_name: "string",
  slave_cluster_id: "string|null",
  is_care: "boolean",
  ...APP_PERMISSIONS,
  owner_tenant_id: "id32",
  create_user_id: "id32",
  create_tenant_id: "id32",
  create_time: "localTimeDotZero",
  update_time: "localTimeDotZero",
  permission_level: "string",
  arrange_infos: [TASK_V2_INFO],
};

/** ExecuteRecordV2Body (§6.1), a finished record. */
export const EXECUTE_RECORD: Spec = {
  execution_id: "id32",
  state: "runState",
  operator: "string",
  nickname: "string",
  start_time: "localTime",
  end_time: "localTime",
  duration: "duration",
  release_id: "int",
  type: "string",
};

/** StepInfo (§6.3). */
export const STEP_INFO: Spec = {
  region: "string",
  id: "int",
  offset: "int",
  enable: "boolean",
  name: "string",
  current_offset: "int",
  elapsed_time: "int",
  faq_url: "string",
};

/** StateInfo (§6.3), a finished record. */
const STATE_INFO: Spec = {
  status: "runState",
  step: "stepPhase",
  nick_name: "string",
  record_id: "id32",
  task_id: "id32",
  start_time: "localTime",
  end_time: "localTime",
  executor: "string",
  task_name: "string",
  step_state: [STEP_INFO],
};

const IAM_REF: Spec = { id: "string", name: "string" };

/** Answers by operation: the whole body, wrappers included. */
export const ANSWERS = {
  ListAllApp: { total_num: "int", result: [APP_EXECUTION_INFO] },
  ShowAppDetailById: { status: "wrapStatus", result: APP_DETAIL_INFO },
  ListDeployTasks: { total_num: "int", result: [TASK_INFO] },
  ShowDeployTaskDetail: TASK_INFO,
  StartDeployTask: { id: "id32", task_id: "id32", job_name: "string", app_component_list: [APP_COMPONENT] },
  ListDeployTaskHistoryByDate: { result: [EXECUTE_RECORD], total_num: "int" },
  ShowExecutionParams: [{ name: "string", type: "paramType", value: "stringOrNumber" }],
  ShowDeployStatus: { status: "wrapStatus", result: STATE_INFO },
  ShowAppLog: { status: "wrapStatus", result: { has_more: "boolean", text: "string", offset: "digits", end_offset: "digits" } },
  StopDeployTask: { status: "wrapStatus", result: { id: "id32", task_id: "id32" } },
  ShowTaskTrigger: { trigger_source: "stringOrNumber", artifact_source_system: "string", artifact_type: "string" },
  KeystoneCreateUserTokenByPassword: {
    token: {
      expires_at: "isoMicros",
      issued_at: "isoMicros",
      methods: ["string"],
      catalog: ["object"],
      project: { ...IAM_REF, domain: IAM_REF },
      roles: [IAM_REF],
      user: { ...IAM_REF, domain: IAM_REF, password_expires_at: "string" },
    },
  },
  KeystoneListProjects: {
    projects: [
      {
        id: "string",
        name: "string",
        domain_id: "string",
        parent_id: "string",
        is_domain: "boolean",
        enabled: "boolean",
        description: "string",
        links: "object",
      },
    ],
    links: "object",
  },
} satisfies Record<string, FieldSpec>;

/** Error bodies (§8): the service's, the gateway's (with request_id), and the app detail's error in a 200. */
export const ERRORS = {
  service: { error_code: "string", error_msg: "string" },
  gateway: { error_msg: "string", error_code: "string", request_id: "id32" },
} satisfies Record<string, FieldSpec>;
