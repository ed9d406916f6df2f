/**
 * The console API, one entry per route: who may call it and the schemas of what it takes and answers. The route
 * handlers take their contract from here (`route(consoleApi[key], …)` in lib/server/route.ts validates with it and
 * types the handler by it); the browser's `apiFetch(key, …)` is typed from the same entry through a type-only
 * import, so no zod reaches the bundle. `api.test.ts` checks that every route file serves its entry and only it.
 *
 * Keys read "METHOD /path", with `:name` for a path parameter (the `[name]` folder of app/api).
 */
import { z } from "zod";
import { meSchema, type Permission } from "./access";
import {
  adminGrantSchema,
  adminIdParamsSchema,
  adminTeamSchema,
  adminUserSchema,
  newGrantBodySchema,
  newProtectedAppBodySchema,
  newTeamBodySchema,
  newUserBodySchema,
  protectedAppParamsSchema,
  protectedAppSchema,
  teamChangesBodySchema,
  userChangesBodySchema,
} from "./admin";
import { appsAnswerSchema, appsQuerySchema } from "./apps";
import {
  approvalAppParamsSchema,
  approvalAppSchema,
  approvalParamsSchema,
  approvalRequestBodySchema,
  approvalRequestSchema,
  approvalRequestsSchema,
  approveBodySchema,
  executeBodySchema,
  newApprovalAppBodySchema,
  rejectBodySchema,
  requestsQuerySchema,
} from "./approvals";
import { previewBodySchema, startDeployBodySchema, startPreviewSchema, startResultSchema } from "./deploy";
import { attemptPageSchema, auditExportQuerySchema, auditQuerySchema, ledgerPageSchema, recordLedgerSchema } from "./ledger";
import {
  logChunkSchema,
  logsQuerySchema,
  recordDetailSchema,
  recordParamSchema,
  recordParamsSchema,
  recordsPageSchema,
  recordsQuerySchema,
  stopResultSchema,
} from "./records";
import { freezePreviewBodySchema, freezePreviewSchema, freezeWindowBodySchema, freezeWindowParamsSchema, freezeWindowViewSchema } from "./freeze-windows";
import { lockBodySchema, taskLockSchema, unlockQuerySchema } from "./locks";
import { taskAnswerSchema, taskParamsSchema } from "./tasks";
import { apiTokenSchema, newServiceAccountBodySchema, newTokenAnswerSchema, newTokenBodySchema, tokenParamsSchema, tokensQuerySchema } from "./tokens";
import {
  channelBodySchema,
  channelParamsSchema,
  channelPatchSchema,
  channelSchema,
  deliveryParamsSchema,
  deliverySchema,
  inboxQuerySchema,
  inboxReadBodySchema,
  inboxSchema,
  subscriptionBodySchema,
  subscriptionParamsSchema,
  subscriptionSchema,
  testAnswerSchema,
  watchBodySchema,
  watchQuerySchema,
  watchSchema,
} from "./notify";

/** The OpenAPI document (lib/server/openapi.ts builds it from this table): its version and its paths, the rest as built. */
const openApiDocumentSchema = z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) });

/** What a route takes and answers. No `response`: it answers a stream of its own (CSV, a log file) or nothing. */
export interface Contract {
  permission: Permission;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Status of a successful answer: 200 unless said (201 for creations; 202 for an accepted approval request; 204 sends no body). */
  status?: 200 | 201 | 202 | 204;
}

export const consoleApi = {
  "GET /api/openapi.json": { permission: "public", response: openApiDocumentSchema },
  "GET /api/me": { permission: "view", response: meSchema },
  "GET /api/me/inbox": { permission: "view", query: inboxQuerySchema, response: inboxSchema },
  "POST /api/me/inbox/read": { permission: "view", body: inboxReadBodySchema, response: inboxSchema },
  "GET /api/me/watches": { permission: "view", response: z.array(watchSchema) },
  "PUT /api/me/watches": { permission: "view", body: watchBodySchema, response: watchSchema },
  "DELETE /api/me/watches": { permission: "view", query: watchQuerySchema, status: 204 },
  "GET /api/tokens": { permission: "view", query: tokensQuerySchema, response: z.array(apiTokenSchema) },
  "POST /api/tokens": { permission: "view", body: newTokenBodySchema, response: newTokenAnswerSchema, status: 201 },
  "DELETE /api/tokens/:id": { permission: "view", params: tokenParamsSchema, status: 204 },
  "GET /api/apps": { permission: "view", query: appsQuerySchema, response: appsAnswerSchema },

  "GET /api/tasks/:taskId": { permission: "view", params: taskParamsSchema, response: taskAnswerSchema },
  "POST /api/tasks/:taskId/preview": { permission: "deploy", params: taskParamsSchema, body: previewBodySchema, response: startPreviewSchema },
  "POST /api/tasks/:taskId/start": { permission: "deploy", params: taskParamsSchema, body: startDeployBodySchema, response: startResultSchema },
  "POST /api/tasks/:taskId/lock": { permission: "deploy", params: taskParamsSchema, body: lockBodySchema, response: taskLockSchema },
  "DELETE /api/tasks/:taskId/lock": { permission: "deploy", params: taskParamsSchema, query: unlockQuerySchema, status: 204 },
  "POST /api/tasks/:taskId/requests": {
    permission: "deploy",
    params: taskParamsSchema,
    body: approvalRequestBodySchema,
    response: approvalRequestSchema,
    status: 202,
  },
  "GET /api/tasks/:taskId/records": { permission: "view", params: taskParamsSchema, query: recordsQuerySchema, response: recordsPageSchema },
  "GET /api/tasks/:taskId/records/:recordId": { permission: "view", params: recordParamsSchema, response: recordDetailSchema },
  "GET /api/tasks/:taskId/records/:recordId/params": { permission: "view", params: recordParamsSchema, response: z.array(recordParamSchema) },
  "GET /api/tasks/:taskId/records/:recordId/logs": { permission: "view", params: recordParamsSchema, query: logsQuerySchema, response: logChunkSchema },
  "GET /api/tasks/:taskId/records/:recordId/logs/download": { permission: "view", params: recordParamsSchema },
  "GET /api/tasks/:taskId/records/:recordId/ledger": { permission: "view", params: recordParamsSchema, response: recordLedgerSchema },
  "POST /api/tasks/:taskId/records/:recordId/stop": { permission: "deploy", params: recordParamsSchema, response: stopResultSchema },

  "GET /api/requests": { permission: "view", query: requestsQuerySchema, response: approvalRequestsSchema },
  "GET /api/requests/:id": { permission: "view", params: approvalParamsSchema, response: approvalRequestSchema },
  "POST /api/requests/:id/approve": { permission: "deploy", params: approvalParamsSchema, body: approveBodySchema, response: approvalRequestSchema },
  "POST /api/requests/:id/reject": { permission: "deploy", params: approvalParamsSchema, body: rejectBodySchema, response: approvalRequestSchema },
  "POST /api/requests/:id/execute": { permission: "deploy", params: approvalParamsSchema, body: executeBodySchema, response: startResultSchema },

  "GET /api/audit": { permission: "view", query: auditQuerySchema, response: ledgerPageSchema },
  "GET /api/audit/attempts": { permission: "view", query: auditQuerySchema, response: attemptPageSchema },
  "GET /api/audit/export.csv": { permission: "view", query: auditExportQuerySchema },

  "GET /api/admin/users": { permission: "admin", response: z.array(adminUserSchema) },
  "POST /api/admin/users": { permission: "admin", body: newUserBodySchema, response: adminUserSchema, status: 201 },
  "PATCH /api/admin/users/:id": { permission: "admin", params: adminIdParamsSchema, body: userChangesBodySchema, response: adminUserSchema },
  "DELETE /api/admin/users/:id": { permission: "admin", params: adminIdParamsSchema, status: 204 },
  "POST /api/admin/service-accounts": { permission: "admin", body: newServiceAccountBodySchema, response: adminUserSchema, status: 201 },
  "GET /api/admin/teams": { permission: "admin", response: z.array(adminTeamSchema) },
  "POST /api/admin/teams": { permission: "admin", body: newTeamBodySchema, response: adminTeamSchema, status: 201 },
  "PATCH /api/admin/teams/:id": { permission: "admin", params: adminIdParamsSchema, body: teamChangesBodySchema, response: adminTeamSchema },
  "DELETE /api/admin/teams/:id": { permission: "admin", params: adminIdParamsSchema, status: 204 },
  "GET /api/admin/grants": { permission: "admin", response: z.array(adminGrantSchema) },
  "POST /api/admin/grants": { permission: "admin", body: newGrantBodySchema, response: adminGrantSchema, status: 201 },
  "DELETE /api/admin/grants/:id": { permission: "admin", params: adminIdParamsSchema, status: 204 },
  "GET /api/admin/protected-apps": { permission: "admin", response: z.array(protectedAppSchema) },
  "POST /api/admin/protected-apps": { permission: "admin", body: newProtectedAppBodySchema, response: protectedAppSchema, status: 201 },
  "DELETE /api/admin/protected-apps/:taskId": { permission: "admin", params: protectedAppParamsSchema, status: 204 },
  "GET /api/admin/freeze-windows": { permission: "admin", response: z.array(freezeWindowViewSchema) },
  "POST /api/admin/freeze-windows": { permission: "admin", body: freezeWindowBodySchema, response: freezeWindowViewSchema, status: 201 },
  "POST /api/admin/freeze-windows/preview": { permission: "admin", body: freezePreviewBodySchema, response: freezePreviewSchema },
  "PUT /api/admin/freeze-windows/:id": {
    permission: "admin",
    params: freezeWindowParamsSchema,
    body: freezeWindowBodySchema,
    response: freezeWindowViewSchema,
  },
  "DELETE /api/admin/freeze-windows/:id": { permission: "admin", params: freezeWindowParamsSchema, status: 204 },
  "GET /api/admin/approval-apps": { permission: "admin", response: z.array(approvalAppSchema) },
  "POST /api/admin/approval-apps": { permission: "admin", body: newApprovalAppBodySchema, response: approvalAppSchema, status: 201 },
  "DELETE /api/admin/approval-apps/:taskId": { permission: "admin", params: approvalAppParamsSchema, status: 204 },
  "GET /api/admin/channels": { permission: "admin", response: z.array(channelSchema) },
  // Demo mode's schema (http allowed, for local receivers); the handler holds cloud mode to https.
  "POST /api/admin/channels": { permission: "admin", body: channelBodySchema(false), response: channelSchema, status: 201 },
  "PATCH /api/admin/channels/:id": { permission: "admin", params: channelParamsSchema, body: channelPatchSchema, response: channelSchema },
  "DELETE /api/admin/channels/:id": { permission: "admin", params: channelParamsSchema, status: 204 },
  "POST /api/admin/channels/:id/test": { permission: "admin", params: channelParamsSchema, response: testAnswerSchema },
  "GET /api/admin/channels/:id/deliveries": { permission: "admin", params: channelParamsSchema, response: z.array(deliverySchema) },
  "POST /api/admin/deliveries/:id/retry": { permission: "admin", params: deliveryParamsSchema, status: 204 },
  "GET /api/admin/subscriptions": { permission: "admin", response: z.array(subscriptionSchema) },
  "POST /api/admin/subscriptions": { permission: "admin", body: subscriptionBodySchema, response: subscriptionSchema, status: 201 },
  "DELETE /api/admin/subscriptions/:id": { permission: "admin", params: subscriptionParamsSchema, status: 204 },
} as const satisfies Record<string, Contract>;

export type ApiRoute = keyof typeof consoleApi;
type Entry<K extends ApiRoute> = (typeof consoleApi)[K];

/** The routes that answer JSON (the ones the browser's fetch helper calls). */
export type JsonRoute = { [K in ApiRoute]: Entry<K> extends { response: z.ZodType } | { status: 204 } ? K : never }[ApiRoute];

/** The answer of a route: its response schema's type; `null` for a 204. */
export type AnswerOf<K extends ApiRoute> = Entry<K> extends { response: infer R extends z.ZodType } ? z.output<R> : null;

/** The names of a path template's `:parameters`. */
type ParamNames<S extends string> = S extends `${string}:${infer P}/${infer Rest}` ? P | ParamNames<`/${Rest}`> : S extends `${string}:${infer P}` ? P : never;
type PathOf<K extends string> = K extends `${string} ${infer P}` ? P : never;

/** What a call of the route must send: its path parameters, its body, its query (each only when it has one). */
export type RequestOf<K extends ApiRoute> = ([ParamNames<PathOf<K>>] extends [never] ? unknown : { params: Record<ParamNames<PathOf<K>>, string> }) &
  (Entry<K> extends { body: infer B extends z.ZodType } ? { body: z.input<B> } : unknown) &
  (Entry<K> extends { query: infer Q extends z.ZodType } ? { query?: { [F in keyof z.output<Q>]?: string | number | null } } : unknown);
