/**
 * CodeArts Deploy as the console uses it: one method per intention, each taking one input object and returning
 * the console's own types (lib/schemas/); vendor shapes are reshaped in lib/codearts and go no further. The code of
 * each job lives in its module: apps (the picker), task-detail, records (history, status, parameters), releases,
 * logs, runs (start and stop). This class holds what they share: the client, the task cache, the release cache.
 * It is also the deploy service's DeployUpstream (lib/server/deploy/deploy-deps.ts).
 */
import type { AppsPage } from "../schemas/apps";
import type { StartDeployBody, StartResult } from "../schemas/deploy";
import type { LogChunk, RecordDetail, RecordParam, RecordSummary, RecordsPage, StopResult } from "../schemas/records";
import type { TaskDetail } from "../schemas/tasks";
import { listApps } from "./apps";
import type { CodeArtsClient } from "./client";
import { getLogs, wholeLog } from "./logs";
import * as records from "./records";
import { ReleaseIds } from "./releases";
import { toRecordSummary } from "./reshape";
import { startTask, stopRecord } from "./runs";
import { getTask } from "./task-detail";
import { TaskLookup } from "./tasks";

export class CodeArtsDeploy {
  /** Task detail via ShowDeployTaskDetail, or ListAllApp + ShowAppDetailById once that API is retired. */
  readonly tasks: TaskLookup;
  private readonly releases = new ReleaseIds();

  constructor(readonly client: CodeArtsClient) {
    this.tasks = new TaskLookup(client);
  }

  /** Today in the cloud's calendar (the default end of a history range). */
  today(): string {
    return records.upstreamToday(this.client);
  }

  listApps(input: { q?: string; page: number; size: number; state?: string }): Promise<AppsPage> {
    return listApps(this.client, this.tasks, input);
  }

  getTask(input: { taskId: string }): Promise<TaskDetail> {
    return getTask(this.client, this.tasks, input);
  }

  /** The task's newest record within the retention period, or null when it has none. */
  async latestRecord(input: { taskId: string }): Promise<RecordSummary | null> {
    const [newest] = await records.recentRecords(this.client, input.taskId, 1);
    return newest ? toRecordSummary(newest, this.client.config.upstreamUtcOffsetMinutes) : null;
  }

  listRecords(input: { taskId: string; from: string; to: string; page: number; size: number }): Promise<RecordsPage> {
    return records.listRecords(this.client, input, (rows) => this.releases.remember(rows));
  }

  /** Release # of records of a task, from the history pages already read or a bounded lookup (releases.ts). */
  releaseIdsOf(input: { taskId: string; recordIds: readonly string[] }): Promise<Map<string, number>> {
    return this.releases.of(this.client, input);
  }

  getRecord(input: { taskId: string; recordId: string }): Promise<RecordDetail> {
    return records.getRecord(this.client, this.tasks, input);
  }

  getRecordParams(input: { taskId: string; recordId: string }): Promise<RecordParam[]> {
    return records.getRecordParams(this.client, input);
  }

  /** ShowDeployStatus of one record (or the task's latest when recordId is null); null when there is none. */
  recordState(input: { taskId: string; recordId: string | null }): Promise<records.UpstreamRecordState | null> {
    return records.recordState(this.client, input);
  }

  /** The task's records started at or after `sinceMs`, newest first (bounded). */
  recordsSince(input: { taskId: string; sinceMs: number }): Promise<records.UpstreamRecord[]> {
    return records.recordsSince(this.client, input);
  }

  getLogs(input: { taskId: string; recordId: string; offset: number }): Promise<LogChunk> {
    return getLogs(this.client, this.tasks, input);
  }

  wholeLog(input: { taskId: string; recordId: string; maxChunks: number; maxChars: number }): AsyncGenerator<{ text: string; truncated: boolean }> {
    return wholeLog(this.client, this.tasks, input);
  }

  startTask(input: { taskId: string; body: StartDeployBody }): Promise<StartResult> {
    return startTask(this.client, input);
  }

  stopRecord(input: { taskId: string; recordId: string }): Promise<StopResult> {
    return stopRecord(this.client, input);
  }
}
