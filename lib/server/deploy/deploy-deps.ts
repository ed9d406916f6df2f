import "server-only";
/**
 * What the deploy service works with: the console's database, CodeArts (the few calls the service makes), the
 * key of fingerprints and idempotency hashes, the CodeArts timeout, and a clock tests can move.
 */

import type { StartDeployBody, StartResult } from "../../schemas/deploy";
import type { RecordParam, StopResult } from "../../schemas/records";
import type { Db } from "../db/schema";
import type { UpstreamRecord, UpstreamRecordProgress, UpstreamRecordState } from "../../codearts/records";

/** CodeArts as the deploy service uses it. Only the two writes change anything; they are sent once, never retried. */
export interface DeployUpstream {
  startTask(input: { taskId: string; body: StartDeployBody }): Promise<StartResult>;
  stopRecord(input: { taskId: string; recordId: string }): Promise<StopResult>;
  /** ShowDeployStatus of one record (or the task's latest when recordId is null); null when there is none. */
  recordState(input: { taskId: string; recordId: string | null }): Promise<UpstreamRecordState | null>;
  /** The task's records started at or after `sinceMs`, newest first (bounded). */
  /** ShowDeployStatus with steps (the record watcher): state, times, steps; null when there is none. */
  recordProgress(input: { taskId: string; recordId: string }): Promise<UpstreamRecordProgress | null>;
  recordsSince(input: { taskId: string; sinceMs: number }): Promise<UpstreamRecord[]>;
  getRecordParams(input: { taskId: string; recordId: string }): Promise<RecordParam[]>;
}

export interface DeployDeps {
  db: Db;
  upstream: DeployUpstream;
  /** Key of the `encrypt` fingerprints and the idempotency request hashes. */
  secret: Buffer | string;
  /** CODEARTS_TIMEOUT_MS: how long one upstream call may take. */
  timeoutMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const nowOf = (deps: DeployDeps) => (deps.now ?? Date.now)();
