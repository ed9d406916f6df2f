/**
 * The console API as a fuzz target (used by e2e/fuzz.spec.ts): each route's path, query and body slots and the
 * shared zod schemas the route wrapper validates them with. The arbitraries that make bad input are in
 * arbitraries.ts; the oracle that says what the route must answer is in oracle.ts.
 */
import type { z } from "zod";
import {
  adminIdParamsSchema,
  newGrantBodySchema,
  newProtectedAppBodySchema,
  newTeamBodySchema,
  newUserBodySchema,
  protectedAppParamsSchema,
  teamChangesBodySchema,
  userChangesBodySchema,
} from "../../lib/schemas/admin";
import { appsQuerySchema } from "../../lib/schemas/apps";
import {
  approvalAppParamsSchema,
  approvalParamsSchema,
  approvalRequestBodySchema,
  approveBodySchema,
  executeBodySchema,
  newApprovalAppBodySchema,
  rejectBodySchema,
  requestsQuerySchema,
} from "../../lib/schemas/approvals";
import { logsQuerySchema, recordParamsSchema, recordsQuerySchema } from "../../lib/schemas/records";
import { taskParamsSchema } from "../../lib/schemas/tasks";
import { lockBodySchema, unlockQuerySchema } from "../../lib/schemas/locks";
import { previewBodySchema, startDeployBodySchema } from "../../lib/schemas/deploy";
import { auditExportQuerySchema, auditQuerySchema } from "../../lib/schemas/ledger";
import type { ApiErrorCode } from "../../lib/schemas/error-codes";
import { freezePreviewBodySchema, freezeWindowBodySchema, freezeWindowParamsSchema } from "../../lib/schemas/freeze-windows";
import {
  channelBodySchema,
  channelParamsSchema,
  channelPatchSchema,
  deliveryParamsSchema,
  inboxQuerySchema,
  inboxReadBodySchema,
  subscriptionBodySchema,
  subscriptionParamsSchema,
  watchBodySchema,
  watchQuerySchema,
} from "../../lib/schemas/notify";
import { newServiceAccountBodySchema, newTokenBodySchema, tokenParamsSchema, tokensQuerySchema } from "../../lib/schemas/tokens";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type Slot = string | { name: string; kind: "cloud" | "uuid" };

export interface RouteDef {
  label: string;
  method: Method;
  /** Segments after /api/. */
  path: Slot[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Keys a near-valid body or query is built from. */
  keys?: string[];
  /** Ledgered routes (start, stop) write a `denied` row per 401: they are fuzzed as admin only. */
  ledgered?: boolean;
  /** Cases per run. */
  runs: number;
}

export interface FuzzCase {
  /** Wire form of each segment after /api/ (already percent-encoded). */
  segments: string[];
  method: Method;
  query: [string, string][];
  as: "admin" | "anonymous";
  /** JSON (or not) text; `type` null sends no Content-Type. */
  body?: { text: string; type: string | null; padTo?: number; chunked?: boolean };
  idempotencyKey?: string;
}

export interface Expected {
  status: number;
  code: ApiErrorCode;
}

const cloud = (name: string) => ({ name, kind: "cloud" as const });
const uuid = (name: string) => ({ name, kind: "uuid" as const });

// prettier-ignore
export const ROUTES: RouteDef[] = [
  { label: "GET /api/tasks/[taskId]", method: "GET", path: ["tasks", cloud("taskId")], params: taskParamsSchema, runs: 300 },
  { label: "POST /api/tasks/[taskId]/start", method: "POST", path: ["tasks", cloud("taskId"), "start"], params: taskParamsSchema, body: startDeployBodySchema, ledgered: true, runs: 1600 },
  { label: "POST /api/tasks/[taskId]/preview", method: "POST", path: ["tasks", cloud("taskId"), "preview"], params: taskParamsSchema, body: previewBodySchema, keys: ["params", "record_id", "keep_secrets"], runs: 500 },
  { label: "POST /api/tasks/[taskId]/lock", method: "POST", path: ["tasks", cloud("taskId"), "lock"], params: taskParamsSchema, body: lockBodySchema, keys: ["reason", "minutes", "note"], runs: 500 },
  { label: "DELETE /api/tasks/[taskId]/lock", method: "DELETE", path: ["tasks", cloud("taskId"), "lock"], params: taskParamsSchema, query: unlockQuerySchema, keys: ["reason"], runs: 250 },
  { label: "POST /api/tasks/[taskId]/requests", method: "POST", path: ["tasks", cloud("taskId"), "requests"], params: taskParamsSchema, body: approvalRequestBodySchema, keys: ["params", "record_id", "keep_secrets", "trigger_source", "reason"], runs: 500 },
  { label: "GET /api/requests", method: "GET", path: ["requests"], query: requestsQuerySchema, keys: ["state", "mine", "toApprove"], runs: 300 },
  { label: "GET /api/requests/[id]", method: "GET", path: ["requests", uuid("id")], params: approvalParamsSchema, runs: 200 },
  { label: "POST /api/requests/[id]/approve", method: "POST", path: ["requests", uuid("id"), "approve"], params: approvalParamsSchema, body: approveBodySchema, keys: ["comment"], runs: 300 },
  { label: "POST /api/requests/[id]/reject", method: "POST", path: ["requests", uuid("id"), "reject"], params: approvalParamsSchema, body: rejectBodySchema, keys: ["comment"], runs: 300 },
  { label: "POST /api/requests/[id]/execute", method: "POST", path: ["requests", uuid("id"), "execute"], params: approvalParamsSchema, body: executeBodySchema, keys: ["params", "record_id", "keep_secrets", "trigger_source", "reason", "confirm_name", "override_freeze"], runs: 600 },
  { label: "GET /api/tasks/[taskId]/records", method: "GET", path: ["tasks", cloud("taskId"), "records"], params: taskParamsSchema, query: recordsQuerySchema, keys: ["from", "to", "page", "size"], runs: 700 },
  { label: "GET /api/tasks/[taskId]/records/[recordId]", method: "GET", path: ["tasks", cloud("taskId"), "records", cloud("recordId")], params: recordParamsSchema, runs: 300 },
  { label: "GET …/records/[recordId]/params", method: "GET", path: ["tasks", cloud("taskId"), "records", cloud("recordId"), "params"], params: recordParamsSchema, runs: 300 },
  { label: "GET …/records/[recordId]/logs", method: "GET", path: ["tasks", cloud("taskId"), "records", cloud("recordId"), "logs"], params: recordParamsSchema, query: logsQuerySchema, keys: ["offset", "final"], runs: 550 },
  { label: "GET …/records/[recordId]/logs/download", method: "GET", path: ["tasks", cloud("taskId"), "records", cloud("recordId"), "logs", "download"], params: recordParamsSchema, runs: 250 },
  { label: "GET …/records/[recordId]/ledger", method: "GET", path: ["tasks", cloud("taskId"), "records", cloud("recordId"), "ledger"], params: recordParamsSchema, runs: 250 },
  { label: "POST …/records/[recordId]/stop", method: "POST", path: ["tasks", cloud("taskId"), "records", cloud("recordId"), "stop"], params: recordParamsSchema, ledgered: true, runs: 300 },
  { label: "GET /api/apps", method: "GET", path: ["apps"], query: appsQuerySchema, keys: ["q", "page", "size", "state"], runs: 650 },
  { label: "GET /api/audit", method: "GET", path: ["audit"], query: auditQuerySchema, keys: ["app", "task", "user", "action", "outcome", "from", "to", "page", "size"], runs: 400 },
  { label: "GET /api/audit/attempts", method: "GET", path: ["audit", "attempts"], query: auditQuerySchema, keys: ["app", "task", "user", "action", "outcome", "from", "to", "page", "size"], runs: 250 },
  { label: "GET /api/audit/export.csv", method: "GET", path: ["audit", "export.csv"], query: auditExportQuerySchema, keys: ["app", "task", "user", "action", "outcome", "from", "to"], runs: 450 },
  { label: "POST /api/admin/users", method: "POST", path: ["admin", "users"], body: newUserBodySchema, keys: ["email", "name", "password", "role"], runs: 600 },
  { label: "PATCH /api/admin/users/[id]", method: "PATCH", path: ["admin", "users", uuid("id")], params: adminIdParamsSchema, body: userChangesBodySchema, keys: ["name", "role", "teamIds", "unlock", "password"], runs: 600 },
  { label: "DELETE /api/admin/users/[id]", method: "DELETE", path: ["admin", "users", uuid("id")], params: adminIdParamsSchema, runs: 200 },
  { label: "POST /api/admin/teams", method: "POST", path: ["admin", "teams"], body: newTeamBodySchema, keys: ["name", "oidcGroup"], runs: 450 },
  { label: "PATCH /api/admin/teams/[id]", method: "PATCH", path: ["admin", "teams", uuid("id")], params: adminIdParamsSchema, body: teamChangesBodySchema, keys: ["name", "oidcGroup"], runs: 450 },
  { label: "DELETE /api/admin/teams/[id]", method: "DELETE", path: ["admin", "teams", uuid("id")], params: adminIdParamsSchema, runs: 200 },
  { label: "POST /api/admin/grants", method: "POST", path: ["admin", "grants"], body: newGrantBodySchema, keys: ["teamId", "appId", "taskId", "appName", "role"], runs: 600 },
  { label: "DELETE /api/admin/grants/[id]", method: "DELETE", path: ["admin", "grants", uuid("id")], params: adminIdParamsSchema, runs: 200 },
  { label: "POST /api/admin/protected-apps", method: "POST", path: ["admin", "protected-apps"], body: newProtectedAppBodySchema, keys: ["appId", "taskId", "appName"], runs: 450 },
  { label: "DELETE /api/admin/protected-apps/[taskId]", method: "DELETE", path: ["admin", "protected-apps", cloud("taskId")], params: protectedAppParamsSchema, runs: 200 },
  { label: "POST /api/admin/freeze-windows", method: "POST", path: ["admin", "freeze-windows"], body: freezeWindowBodySchema, keys: ["name", "timeZone", "schedule", "scope", "rollbacksAllowed"], runs: 500 },
  { label: "POST /api/admin/freeze-windows/preview", method: "POST", path: ["admin", "freeze-windows", "preview"], body: freezePreviewBodySchema, keys: ["timeZone", "schedule"], runs: 400 },
  { label: "PUT /api/admin/freeze-windows/[id]", method: "PUT", path: ["admin", "freeze-windows", uuid("id")], params: freezeWindowParamsSchema, body: freezeWindowBodySchema, keys: ["name", "timeZone", "schedule", "scope", "rollbacksAllowed"], runs: 400 },
  { label: "DELETE /api/admin/freeze-windows/[id]", method: "DELETE", path: ["admin", "freeze-windows", uuid("id")], params: freezeWindowParamsSchema, runs: 200 },
  { label: "POST /api/admin/approval-apps", method: "POST", path: ["admin", "approval-apps"], body: newApprovalAppBodySchema, keys: ["appId", "taskId", "appName"], runs: 300 },
  { label: "DELETE /api/admin/approval-apps/[taskId]", method: "DELETE", path: ["admin", "approval-apps", cloud("taskId")], params: approvalAppParamsSchema, runs: 200 },
  { label: "GET /api/me/inbox", method: "GET", path: ["me", "inbox"], query: inboxQuerySchema, keys: ["unread"], runs: 200 },
  { label: "POST /api/me/inbox/read", method: "POST", path: ["me", "inbox", "read"], body: inboxReadBodySchema, keys: ["ids"], runs: 250 },
  { label: "PUT /api/me/watches", method: "PUT", path: ["me", "watches"], body: watchBodySchema, keys: ["taskId", "recordId", "email"], runs: 300 },
  { label: "DELETE /api/me/watches", method: "DELETE", path: ["me", "watches"], query: watchQuerySchema, keys: ["taskId", "recordId"], runs: 250 },
  // The e2e console runs in cloud mode: its channel URLs must be https (the handler's stricter schema).
  { label: "POST /api/admin/channels", method: "POST", path: ["admin", "channels"], body: channelBodySchema(true), keys: ["name", "kind", "language", "url", "secret", "to", "enabled"], runs: 600 },
  { label: "PATCH /api/admin/channels/[id]", method: "PATCH", path: ["admin", "channels", uuid("id")], params: channelParamsSchema, body: channelPatchSchema, keys: ["name", "language", "enabled"], runs: 300 },
  { label: "DELETE /api/admin/channels/[id]", method: "DELETE", path: ["admin", "channels", uuid("id")], params: channelParamsSchema, runs: 150 },
  { label: "POST /api/admin/channels/[id]/test", method: "POST", path: ["admin", "channels", uuid("id"), "test"], params: channelParamsSchema, runs: 150 },
  { label: "GET /api/admin/channels/[id]/deliveries", method: "GET", path: ["admin", "channels", uuid("id"), "deliveries"], params: channelParamsSchema, runs: 150 },
  { label: "POST /api/admin/deliveries/[id]/retry", method: "POST", path: ["admin", "deliveries", uuid("id"), "retry"], params: deliveryParamsSchema, runs: 150 },
  { label: "POST /api/admin/subscriptions", method: "POST", path: ["admin", "subscriptions"], body: subscriptionBodySchema, keys: ["channelId", "scope", "events"], runs: 500 },
  { label: "DELETE /api/admin/subscriptions/[id]", method: "DELETE", path: ["admin", "subscriptions", uuid("id")], params: subscriptionParamsSchema, runs: 150 },
  { label: "GET /api/tokens", method: "GET", path: ["tokens"], query: tokensQuerySchema, keys: ["scope"], runs: 200 },
  { label: "POST /api/tokens", method: "POST", path: ["tokens"], body: newTokenBodySchema, keys: ["name", "expiresInDays", "role", "taskIds", "ownerId", "readsPerMinute", "startsPerMinute"], runs: 600 },
  { label: "DELETE /api/tokens/[id]", method: "DELETE", path: ["tokens", uuid("id")], params: tokenParamsSchema, runs: 150 },
  { label: "POST /api/admin/service-accounts", method: "POST", path: ["admin", "service-accounts"], body: newServiceAccountBodySchema, keys: ["name", "role"], runs: 300 },
];
/** Paths that match no console route (the catch-all app/api/[...path] answers them). */
export const UNKNOWN_ROUTE = { label: "* /api/<no such route>", runs: 400 };
