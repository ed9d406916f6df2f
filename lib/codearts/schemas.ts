/**
 * The CodeArts Deploy wire contract, written once.
 *
 * The client parses every upstream answer with these schemas; the simulator validates every request and builds
 * every answer with them. Field names, wrappers and quirks follow shared/reference/codearts-deploy-api.md.
 * Objects are loose (unknown fields pass through) because the real cloud adds fields over time, and scalars
 * are tolerant where the reference says the cloud is inconsistent (numbers as strings, `.0` time suffixes).
 *
 * One file (≈400 lines) on purpose: it is the contract, in the reference's order (§6.x), read top to bottom against
 * it; the operations share building blocks (records, steps, components), and the client, the simulator and the
 * contract tests all read it as one piece. Splitting it would scatter the comparison with the reference.
 */
import { z } from "zod";
import { EXECUTION_STATES, ID_PATTERN, PARAM_KEY_PATTERN, PARAM_TYPES, PARAM_VALUE_MAX, TEMPLATE_OPENERS } from "../schemas/param-rules";

export { EXECUTION_STATES, ID_PATTERN, PARAM_TYPES };

// ---------------------------------------------------------------------------------------------------------------
// Tolerant scalars
// ---------------------------------------------------------------------------------------------------------------

const codeartsIdSchema = z.string().regex(ID_PATTERN, "must be 32 characters of 0-9 and a-z");

/** An integer that the cloud sometimes sends as a digit string (`release_id`, `trigger_source`). */
const intish = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

/** A string that the cloud sometimes sends as a number (ShowExecutionParams' `service_port` 8080). */
const stringish = z.union([z.string(), z.number().transform(String), z.boolean().transform(String)]);

/** Optional-and-nullable: the cloud omits fields and sends null for the same meaning. */
const opt = <T extends z.ZodType>(s: T) => s.nullish();

/** "yyyy-MM-dd HH:mm:ss", sometimes with a trailing ".0" (or more fraction digits); zone-less. */
export const LOCAL_TIME_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/;
const localTimeSchema = z.string();

/** "yyyy-MM-dd" as ListDeployTaskHistoryByDate wants it. */
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

// ---------------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------------

/** Service error body (`Deploy.*`), gateway error body (`APIGW.*`, with request_id), or the legacy shape. */
export const wireErrorSchema = z.looseObject({
  error_code: opt(z.string()),
  error_msg: opt(z.string()),
  request_id: opt(z.string()),
  status: opt(z.string()),
  error: opt(z.looseObject({ code: opt(z.string()), message: opt(z.string()) })),
});

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------------------------

export const paramTypeSchema = z.enum(PARAM_TYPES);
export type ParamType = z.infer<typeof paramTypeSchema>;

const executionStateSchema = z.enum(EXECUTION_STATES);

/** AppComponentDao: the app ↔ AOM component mapping. `state` "0" initialised, "1" effective. */
export const appComponentSchema = z.looseObject({
  task_id: opt(z.string()),
  app_id: opt(z.string()),
  app_name: opt(z.string()),
  comp_id: opt(z.string()),
  comp_name: opt(z.string()),
  domain_id: opt(z.string()),
  region: opt(z.string()),
  state: opt(stringish),
});

/** Step: values of the `steps` map (keys `step1`, `step2`, …). Params may reference `${name}`. */
const stepSchema = z.looseObject({
  id: opt(stringish),
  name: opt(z.string()),
  params: opt(z.record(z.string(), stringish.nullable())),
  enable: opt(z.boolean()),
});
export const stepsMapSchema = z.record(z.string(), stepSchema);

const permissionFlags = {
  can_modify: opt(z.boolean()),
  can_delete: opt(z.boolean()),
  can_view: opt(z.boolean()),
  can_execute: opt(z.boolean()),
  can_copy: opt(z.boolean()),
  can_manage: opt(z.boolean()),
  can_create_env: opt(z.boolean()),
  can_disable: opt(z.boolean()),
};

// ---------------------------------------------------------------------------------------------------------------
// 1. ListAllApp — POST /v1/applications/list
// ---------------------------------------------------------------------------------------------------------------

export const listAllAppBodySchema = z.object({
  project_id: codeartsIdSchema,
  page: z.number().int().min(1).max(99999),
  size: z.number().int().min(1).max(100),
  sort_name: z.enum(["name", "startTime"]).optional(),
  sort_by: z.enum(["ASC", "DESC"]).optional(),
  states: z.array(executionStateSchema).optional(),
  group_id: z.string().optional(),
});

export const appExecutionInfoSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  duration: opt(z.string()),
  is_disable: opt(z.boolean()),
  project_id: opt(z.string()),
  project_name: opt(z.string()),
  is_care: opt(z.boolean()),
  ...permissionFlags,
  deploy_system: opt(z.string()),
  create_user_id: opt(z.string()),
  create_tenant_id: opt(z.string()),
  create_time: opt(localTimeSchema),
  update_time: opt(localTimeSchema),
  execution_time: opt(localTimeSchema),
  end_time: opt(localTimeSchema),
  execution_state: opt(z.string()),
  release_id: opt(intish),
  executor_id: opt(z.string()),
  executor_nick_name: opt(z.string()),
  arrange_infos: opt(z.array(z.looseObject({ id: z.string(), state: opt(z.string()), deploy_system: opt(z.string()) }))),
});
export type WireAppExecutionInfo = z.infer<typeof appExecutionInfoSchema>;

export const listAllAppResponseSchema = z.looseObject({
  total_num: intish,
  result: z.array(appExecutionInfoSchema),
});

// ---------------------------------------------------------------------------------------------------------------
// 2. ShowAppDetailById — GET /v1/applications/{app_id}/info → { status, result }
// ---------------------------------------------------------------------------------------------------------------

/** TaskV2Info (in app detail) and TaskInfo (v2 task list/detail) share almost every field. */
const taskFields = {
  id: z.string(),
  name: opt(z.string()),
  state: opt(z.string()),
  description: opt(z.string()),
  owner: opt(z.string()),
  steps: opt(stepsMapSchema),
  project_id: opt(z.string()),
  project_name: opt(z.string()),
  deploy_system: opt(z.string()),
  create_time: opt(localTimeSchema),
  update_time: opt(localTimeSchema),
  role_id: opt(intish),
  is_defaut_permission: opt(z.boolean()), // sic: the API's own spelling
  template_id: opt(z.string()),
  nick_name: opt(z.string()),
  owner_id: opt(z.string()),
  tenant_id: opt(z.string()),
  tenant_name: opt(z.string()),
  slave_cluster_id: opt(z.string()),
  is_care: opt(z.boolean()),
  ...permissionFlags,
  app_component_list: opt(z.array(appComponentSchema)),
  release_id: opt(intish),
  app_id: opt(z.string()),
  is_disable: opt(z.boolean()),
};

const taskV2InfoSchema = z.looseObject(taskFields);

const appDetailInfoSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  region: opt(z.string()),
  description: opt(z.string()),
  is_disable: opt(z.boolean()),
  create_type: opt(z.string()),
  project_id: opt(z.string()),
  project_name: opt(z.string()),
  slave_cluster_id: opt(z.string()),
  is_care: opt(z.boolean()),
  ...permissionFlags,
  owner_tenant_id: opt(z.string()),
  create_user_id: opt(z.string()),
  create_tenant_id: opt(z.string()),
  create_time: opt(localTimeSchema),
  update_time: opt(localTimeSchema),
  permission_level: opt(z.string()),
  arrange_infos: opt(z.array(taskV2InfoSchema)),
});

export const showAppDetailResponseSchema = z.looseObject({
  status: opt(z.string()),
  result: appDetailInfoSchema,
});

// ---------------------------------------------------------------------------------------------------------------
// 3./4. ListDeployTasks (GET /v2/{project_id}/tasks/list) and ShowDeployTaskDetail (GET /v2/tasks/{task_id})
// ---------------------------------------------------------------------------------------------------------------

const taskInfoSchema = z.looseObject({
  ...taskFields,
  task_id: opt(z.string()),
  execution_time: opt(localTimeSchema),
  duration: opt(z.string()),
  execution_state: opt(z.string()),
  executor_id: opt(z.string()),
  executor_nick_name: opt(z.string()),
});
export type WireTaskInfo = z.infer<typeof taskInfoSchema>;

export const listDeployTasksResponseSchema = z.looseObject({
  total_num: intish,
  result: z.array(taskInfoSchema),
});

/** ShowDeployTaskDetail answers a bare TaskInfo. */
export const showDeployTaskDetailResponseSchema = taskInfoSchema;

// ---------------------------------------------------------------------------------------------------------------
// 5. StartDeployTask — POST /v2/tasks/{task_id}/start
// ---------------------------------------------------------------------------------------------------------------

const dynamicConfigInfoSchema = z.object({
  key: z.string().regex(PARAM_KEY_PATTERN, "key must be 1–128 characters of letters, digits, '-', '_', '.'"),
  value: z
    .string()
    .max(PARAM_VALUE_MAX)
    .refine((v) => !TEMPLATE_OPENERS.some((o) => v.includes(o)), "value must not contain {{, {% or {#"),
  type: paramTypeSchema,
});

export const envExecutionBodySchema = z.object({
  params: z.array(dynamicConfigInfoSchema).optional(),
  record_id: codeartsIdSchema.optional(),
  trigger_source: z.enum(["0", "1"]).optional(),
});

export const startDeployTaskResponseSchema = z.looseObject({
  id: codeartsIdSchema,
  task_id: z.string(),
  job_name: opt(z.string()),
  app_component_list: opt(z.array(appComponentSchema)),
});
export type WireStartDeployTaskResponse = z.infer<typeof startDeployTaskResponseSchema>;

// ---------------------------------------------------------------------------------------------------------------
// 6.1 ListDeployTaskHistoryByDate — GET /v2/{project_id}/task/{id}/history
// ---------------------------------------------------------------------------------------------------------------

export const historyQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(99999),
  size: z.coerce.number().int().min(1).max(100),
  start_date: z.string().regex(DATE_PATTERN),
  end_date: z.string().regex(DATE_PATTERN),
});

export const executeRecordSchema = z.looseObject({
  execution_id: z.string(),
  state: opt(z.string()),
  operator: opt(z.string()),
  nickname: opt(z.string()),
  start_time: opt(localTimeSchema),
  end_time: opt(localTimeSchema),
  duration: opt(z.string()),
  release_id: opt(intish),
  type: opt(z.string()),
});
export type WireExecuteRecord = z.infer<typeof executeRecordSchema>;

export const listHistoryResponseSchema = z.looseObject({
  result: z.array(executeRecordSchema),
  total_num: intish,
});

// ---------------------------------------------------------------------------------------------------------------
// 6.2 ShowExecutionParams — GET /v2/history/tasks/{task_id}/params?record_id= → bare array, `name` not `key`
// ---------------------------------------------------------------------------------------------------------------

export const configInfoSchema = z.looseObject({
  name: z.string(),
  type: opt(z.string()),
  value: opt(stringish),
});
export const showExecutionParamsResponseSchema = z.array(configInfoSchema);

// ---------------------------------------------------------------------------------------------------------------
// 6.3 ShowDeployStatus — GET /v2/tasks/{task_id}/state → { status, result: StateInfo }
// ---------------------------------------------------------------------------------------------------------------

export const stepInfoSchema = z.looseObject({
  region: opt(z.string()),
  id: opt(intish),
  offset: opt(intish),
  enable: opt(z.boolean()),
  name: opt(z.string()),
  current_offset: opt(intish),
  elapsed_time: opt(intish),
  faq_url: opt(z.string()),
});

const stateInfoSchema = z.looseObject({
  status: opt(z.string()),
  step: opt(z.string()),
  nick_name: opt(z.string()),
  record_id: opt(z.string()),
  task_id: opt(z.string()),
  start_time: opt(localTimeSchema),
  end_time: opt(localTimeSchema),
  executor: opt(z.string()),
  task_name: opt(z.string()),
  step_state: opt(z.array(stepInfoSchema)),
});

export const showDeployStatusResponseSchema = z.looseObject({
  status: opt(z.string()),
  result: stateInfoSchema,
});

// ---------------------------------------------------------------------------------------------------------------
// 6.4 ShowAppLog — GET /v1/applications/{app_id}/records/{record_id}/logs?offset=&end_offset=&step_id=
// ---------------------------------------------------------------------------------------------------------------

export const showAppLogResponseSchema = z.looseObject({
  status: opt(z.string()),
  result: z.looseObject({
    has_more: z.boolean(),
    text: opt(z.string()),
    offset: opt(stringish),
    end_offset: opt(stringish),
  }),
});

// ---------------------------------------------------------------------------------------------------------------
// 6.5 StopDeployTask — PUT /v2/tasks/{task_id}/records/{record_id}/stop
// ---------------------------------------------------------------------------------------------------------------

export const stopDeployTaskResponseSchema = z.looseObject({
  status: opt(z.string()),
  result: z.looseObject({ id: opt(z.string()), task_id: opt(z.string()) }),
});

// ---------------------------------------------------------------------------------------------------------------
// 7. ShowTaskTrigger — GET /v2/task/trigger/detail?task_id= (trigger_source is a number in the doc example)
// ---------------------------------------------------------------------------------------------------------------

export const showTaskTriggerResponseSchema = z.looseObject({
  trigger_source: opt(stringish),
  artifact_source_system: opt(z.string()),
  artifact_type: opt(z.string()),
});

// ---------------------------------------------------------------------------------------------------------------
// 10.1 IAM — POST /v3/auth/tokens (201 + X-Subject-Token) and GET /v3/projects?name=
// ---------------------------------------------------------------------------------------------------------------

export const iamPasswordAuthBodySchema = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.string()).min(1),
      password: z.object({
        user: z.object({
          name: z.string().min(1),
          password: z.string().min(1),
          domain: z.object({ name: z.string().min(1) }),
        }),
      }),
    }),
    scope: z.object({
      project: z.object({ name: z.string().optional(), id: z.string().optional() }).optional(),
      domain: z.object({ name: z.string().optional(), id: z.string().optional() }).optional(),
    }),
  }),
});

const iamRef = z.looseObject({ id: z.string(), name: opt(z.string()) });

export const iamTokenResponseSchema = z.looseObject({
  token: z.looseObject({
    expires_at: z.string(),
    issued_at: z.string(),
    methods: opt(z.array(z.string())),
    catalog: opt(z.array(z.unknown())),
    project: opt(iamRef.extend({ domain: opt(iamRef) })),
    roles: opt(z.array(iamRef)),
    user: opt(iamRef.extend({ domain: opt(iamRef), password_expires_at: opt(z.string()) })),
    domain: opt(iamRef),
  }),
});

export const iamProjectsResponseSchema = z.looseObject({
  projects: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      domain_id: opt(z.string()),
      parent_id: opt(z.string()),
      is_domain: opt(z.boolean()),
      enabled: opt(z.boolean()),
      description: opt(z.string()),
      links: opt(z.unknown()),
    }),
  ),
  links: opt(z.unknown()),
});
