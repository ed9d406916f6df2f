import "server-only";
/**
 * Table types of the deploy ledger and the deploy guards (migration 0002). Merged into `Database` (schema.ts).
 * Timestamps are ISO-8601 UTC strings with milliseconds (`toISOString()`), so they sort as text in both dialects.
 */
import type { Selectable } from "kysely";
import type { LedgerAction, LedgerPhase } from "../../schemas/ledger";

/** Append-only: no code path updates or deletes a row (PostgreSQL and SQLite triggers refuse it too). */
export interface LedgerTable {
  id: string;
  at: string;
  action: LedgerAction;
  phase: LedgerPhase;
  /** Denied rows (action "denied"): what was attempted (start, rollback or stop), when known. */
  attempted: "start" | "rollback" | "stop" | null;
  actor_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  /** JSON array of team names. */
  actor_teams: string | null;
  /** The API token the request came with (0012), null for a browser session. */
  token_id: string | null;
  token_name: string | null;
  app_id: string | null;
  app_name: string | null;
  task_id: string | null;
  /** The record a rollback returns to. */
  target_record_id: string | null;
  /** The record a start created, or the record a stop addressed. */
  record_id: string | null;
  /** JSON array of { key, type, value }; `encrypt` values are `hmac:<hex>` fingerprints, never the value. */
  params: string | null;
  reason: string | null;
  http_status: number | null;
  /** The console error code of the answer (e.g. upstream_in_doubt, deploy_in_progress, forbidden). */
  error_code: string | null;
  message: string | null;
  upstream_error_code: string | null;
  upstream_request_id: string | null;
  idempotency_key: string | null;
  client_address: string | null;
  user_agent: string | null;
  /** On outcome rows: the id of the `requested` row they close (unique per final outcome). */
  correlation: string | null;
  /** The console request (x-request-id) that wrote the row; the reconciler's rows have none. */
  request_id: string | null;
  /** `started` rows: the job the cloud named in its start answer (migration 0004). */
  job_name: string | null;
  /** Starts and rollbacks an admin let through freeze windows: JSON [{ id, name, until }] (migration 0006). */
  override_window: string | null;
  /** The approval request the row belongs to (migration 0006). */
  approval_id: string | null;
  /** `finished` rows: JSON Finish (lib/server/notify/types.ts) — how the record ended (migration 0011). */
  finish: string | null;
}

/** One row per task while a deployment started by the console may be running: the per-task guard. */
export interface DeployInflightTable {
  task_id: string;
  /** The `requested` ledger row that holds the task. */
  ledger_id: string;
  /** requested = the start is under way; in_doubt = the cloud may have started it; running = record known. */
  state: "requested" | "in_doubt" | "running";
  record_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  started_at: string;
  /** When the record's state was last confirmed upstream (ShowDeployStatus). */
  checked_at: string | null;
  /** Reconciler lease (several console processes may reconcile at once). */
  lease_until: string | null;
  lease_owner: string | null;
}

export interface IdempotencyKeysTable {
  key: string;
  /** HMAC of the canonical validated body + task id + user id. */
  request_hash: string;
  user_id: string;
  task_id: string;
  /** pending = the first request is under way; in_doubt = answered 502, awaiting reconciliation; done. */
  state: "pending" | "in_doubt" | "done";
  ledger_id: string | null;
  response_status: number | null;
  /** The JSON answer, replayed as is. */
  response_body: string | null;
  created_at: string;
  expires_at: string;
}

/** Task → app id and name, as last seen by the task page; names the app in ledger rows without an upstream call. */
export interface TaskNamesTable {
  task_id: string;
  app_id: string | null;
  app_name: string;
  updated_at: string;
}

/** What a record produced, captured once (migration 0004; see lib/server/deploy/record-facts.ts). */
export interface RecordResultsTable {
  record_id: string;
  task_id: string;
  state: string;
  /** JSON AomComponent[]; null when a later record had already replaced the mapping. */
  components: string | null;
  captured_at: string;
}

/** One row per locked task (migration 0005); a row past `until` is no lock. */
export interface DeployLocksTable {
  task_id: string;
  owner_id: string;
  owner_name: string | null;
  owner_email: string | null;
  reason: string;
  note: string | null;
  since: string;
  until: string;
}

/** The admins' freeze windows (migration 0006): schedule and scope are JSON (lib/schemas/freeze-windows.ts). */
export interface FreezeWindowsTable {
  id: string;
  name: string;
  time_zone: string;
  schedule: string;
  scope: string;
  /** 1 or 0. */
  rollbacks_allowed: number;
  created_by: string;
  created_at: string;
  updated_by: string | null;
  updated_at: string | null;
}

/** Apps whose starts need an approved request (migration 0007), keyed by task id. */
export interface ApprovalAppsTable {
  task_id: string;
  app_id: string;
  app_name: string;
  set_by: string;
  set_at: string;
}

/** Two-person approval requests (migration 0007); see lib/server/deploy/approvals.ts. */
export interface ApprovalRequestsTable {
  id: string;
  task_id: string;
  app_name: string | null;
  requester_id: string;
  requester_email: string | null;
  requester_name: string | null;
  /** JSON of the canonical request: params (secrets as `hmac:` fingerprints), keep_secrets, record_id, trigger_source. */
  body: string;
  /** Keyed HMAC over the canonical request and the task id. */
  fingerprint: string;
  reason: string;
  /** `expired` is computed from expires_at for pending and approved rows. */
  state: "pending" | "approved" | "rejected" | "executing" | "executed" | "expired";
  decided_by: string | null;
  decided_by_email: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  comment: string | null;
  expires_at: string;
  executed_record_id: string | null;
  created_at: string;
}

/** A `requested` row that may still lack its outcome (migration 0008): what the reconciler's pass reads. */
export interface LedgerOpenTable {
  ledger_id: string;
  at: string;
}

export interface LedgerDatabase {
  ledger: LedgerTable;
  ledger_open: LedgerOpenTable;
  deploy_inflight: DeployInflightTable;
  idempotency_keys: IdempotencyKeysTable;
  task_names: TaskNamesTable;
  record_results: RecordResultsTable;
  deploy_locks: DeployLocksTable;
  freeze_windows: FreezeWindowsTable;
  approval_apps: ApprovalAppsTable;
  approval_requests: ApprovalRequestsTable;
}

export type LedgerRow = Selectable<LedgerTable>;
export type InflightRow = Selectable<DeployInflightTable>;
export type IdempotencyRow = Selectable<IdempotencyKeysTable>;
