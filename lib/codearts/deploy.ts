/**
 * Intention-named CodeArts Deploy operations. Each takes one input object and returns the console's own types
 * (lib/schemas/deploy.ts); vendor shapes are reshaped here and go no further.
 */
import type { AppsPage } from "../schemas/apps";
import type { LogChunk, RecordDetail, RecordParam, RecordSummary, RecordsPage } from "../schemas/records";
import type { ParamDefinition, TaskDetail } from "../schemas/tasks";
import type { StartDeployBody, StartResult } from "../schemas/deploy";
import type { CodeArtsClient } from "./client";
import { CodeArtsError } from "./errors";
import { historyWindows, planPages } from "./history";
import {
  taskStateOf,
  toAppSummary,
  toComponents,
  toParamDefinitions,
  toRecordParam,
  toRecordStep,
  toRecordSummary,
  toRunState,
  toStartResult,
} from "./reshape";
import {
  listAllAppResponseSchema,
  listHistoryResponseSchema,
  showAppLogResponseSchema,
  showDeployStatusResponseSchema,
  showExecutionParamsResponseSchema,
  showTaskTriggerResponseSchema,
  startDeployTaskResponseSchema,
  stopDeployTaskResponseSchema,
} from "./schemas";
import { TaskLookup } from "./tasks";
import { addDays, upstreamDate, upstreamTimeToIso as isoOrNull } from "./time";

/** How many recent records feed the parameter definitions (types, last values, enum options). */
const PARAM_HISTORY_RECORDS = 5;
/** The cloud retains about 92 days of history. */
const RETENTION_DAYS = 92;
const LOG_CHUNK = 65_536;
/** Release # lookups for rollback targets: cache size, rows per window read, how long a miss is remembered. */
const RELEASE_CACHE_SIZE = 20_000;
const RELEASE_LOOKUP_SIZE = 100;
const RELEASE_MISS_TTL_MS = 5 * 60_000;
/** A kept task detail must have been asked for this long after the record's last change to count (getRecord). */
const CHANGE_MARGIN_MS = 2_000;

export class CodeArtsDeploy {
  /** Task detail via ShowDeployTaskDetail, or ListAllApp + ShowAppDetailById once that API is retired. */
  readonly tasks: TaskLookup;

  constructor(readonly client: CodeArtsClient) {
    this.tasks = new TaskLookup(client);
  }

  private get tz() {
    return this.client.config.upstreamUtcOffsetMinutes;
  }

  today(): string {
    return upstreamDate(Date.now(), this.tz);
  }

  /** The task picker: ListAllApp. The API has no name filter, so `q` walks the pages and filters here. */
  async listApps(input: { q?: string; page: number; size: number; state?: string }): Promise<AppsPage> {
    const states = input.state ? [input.state] : undefined;
    const fetchPage = (page: number, size: number) =>
      this.client
        .deploy({
          operation: "ListAllApp",
          method: "POST",
          path: "/v1/applications/list",
          body: { project_id: this.client.config.codeartsProjectId, page, size, sort_name: "name", sort_by: "ASC", ...(states ? { states } : {}) },
          schema: listAllAppResponseSchema,
          idempotent: true, // a read, although a POST
        })
        .then((answer) => {
          this.tasks.remember(answer.result);
          return answer;
        });
    const q = input.q?.trim().toLocaleLowerCase();
    if (!q) {
      const answer = await fetchPage(input.page, input.size);
      return { items: answer.result.map((a) => toAppSummary(a, this.tz)), total: answer.total_num, page: input.page, size: input.size };
    }
    // Name search: read every upstream page (100 at a time), filter, then cut our page.
    const first = await fetchPage(1, 100);
    const pages = Math.ceil(first.total_num / 100);
    const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => fetchPage(i + 2, 100)));
    const all = [first, ...rest].flatMap((p) => p.result).filter((a) => a.name.toLocaleLowerCase().includes(q));
    const start = (input.page - 1) * input.size;
    return {
      items: all.slice(start, start + input.size).map((a) => toAppSummary(a, this.tz)),
      total: all.length,
      page: input.page,
      size: input.size,
    };
  }

  private historyPage(taskId: string, start: string, end: string, page: number, size: number) {
    return this.client.deploy({
      operation: "ListDeployTaskHistoryByDate",
      method: "GET",
      path: `/v2/${this.client.config.codeartsProjectId}/task/${taskId}/history`,
      query: { page, size, start_date: start, end_date: end },
      schema: listHistoryResponseSchema,
      idempotent: true,
    });
  }

  private executionParams(taskId: string, recordId: string) {
    return this.client.deploy({
      operation: "ShowExecutionParams",
      method: "GET",
      path: `/v2/history/tasks/${taskId}/params`,
      query: { record_id: recordId },
      schema: showExecutionParamsResponseSchema,
      idempotent: true,
    });
  }

  /** The most recent records (newest first), looking back window by window through the retention period. */
  private async recentRecords(taskId: string, count: number) {
    const today = this.today();
    for (const w of historyWindows(addDays(today, -(RETENTION_DAYS - 1)), today)) {
      const page = await this.historyPage(taskId, w.start, w.end, 1, count);
      if (page.result.length > 0) return page.result;
    }
    return [];
  }

  /** The task's newest record within the retention period, or null when it has none. */
  async latestRecord(input: { taskId: string }): Promise<RecordSummary | null> {
    const [newest] = await this.recentRecords(input.taskId, 1);
    return newest ? toRecordSummary(newest, this.tz) : null;
  }

  /**
   * Task detail with its runtime parameter definitions, from what the real API offers: `${name}` references in
   * the steps (ShowDeployTaskDetail) and the latest records' parameters (ShowExecutionParams).
   */
  async getTask(input: { taskId: string }): Promise<TaskDetail> {
    const [task, trigger, recent] = await Promise.all([
      this.tasks.taskInfo(input.taskId),
      this.client
        .deploy({
          operation: "ShowTaskTrigger",
          method: "GET",
          path: "/v2/task/trigger/detail",
          query: { task_id: input.taskId },
          schema: showTaskTriggerResponseSchema,
          idempotent: true,
        })
        .catch((err: unknown) => {
          // The trigger rule is informative; a task without one (or an API that lacks it) still deploys.
          if (err instanceof CodeArtsError && err.failure === "http" && err.status < 500) return null;
          throw err;
        }),
      this.recentRecords(input.taskId, PARAM_HISTORY_RECORDS),
    ]);
    const recordParams = await Promise.all(recent.map((r) => this.executionParams(input.taskId, r.execution_id)));
    const params: ParamDefinition[] = toParamDefinitions(task.steps ?? {}, recordParams);
    const source = trigger?.trigger_source;
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
      triggerSource: source === "0" || source === "1" ? source : null,
      steps: Object.entries(task.steps ?? {}).map(([key, s]) => ({ key, name: s.name ?? key, enabled: s.enable ?? true })),
      params,
      components: toComponents(task.app_component_list),
      lastRecordId: recent[0]?.execution_id ?? null,
    };
  }

  /** Deployment history over [from, to] (≤ 92 days), stitched from ≤ 30-day upstream windows, newest first. */
  async listRecords(input: { taskId: string; from: string; to: string; page: number; size: number }): Promise<RecordsPage> {
    const windows = historyWindows(input.from, input.to);
    const firsts = await Promise.all(windows.map((w) => this.historyPage(input.taskId, w.start, w.end, 1, input.size)));
    const totals = firsts.map((f) => f.total_num);
    const slices = planPages(totals, (input.page - 1) * input.size, input.size);
    const pages = await Promise.all(
      slices.map((s) => {
        const w = windows[s.window];
        if (!w) throw new Error("window out of range");
        return s.page === 1 ? Promise.resolve(firsts[s.window]) : this.historyPage(input.taskId, w.start, w.end, s.page, input.size);
      }),
    );
    const items = slices.flatMap((s, i) => (pages[i]?.result ?? []).slice(s.skip, s.skip + s.take));
    for (const p of [...firsts, ...pages]) if (p) this.rememberReleases(p.result);
    return {
      items: items.map((r) => toRecordSummary(r, this.tz)),
      total: totals.reduce((a, b) => a + b, 0),
      page: input.page,
      size: input.size,
      from: input.from,
      to: input.to,
    };
  }

  /** recordId → release #, from every history page read (bounded; record ids are unique across tasks). */
  private readonly releaseIds = new Map<string, number>();
  /** recordId → until when a lookup that did not find it is not repeated. */
  private readonly releaseMisses = new Map<string, number>();

  private rememberReleases(rows: readonly { execution_id: string; release_id?: number | null }[]) {
    for (const r of rows) {
      if (r.release_id === undefined || r.release_id === null) continue;
      this.releaseIds.delete(r.execution_id);
      this.releaseIds.set(r.execution_id, r.release_id);
      this.releaseMisses.delete(r.execution_id);
    }
    // Oldest insertions go first (a Map iterates in insertion order).
    for (const key of this.releaseIds.keys()) {
      if (this.releaseIds.size <= RELEASE_CACHE_SIZE) break;
      this.releaseIds.delete(key);
    }
  }

  /**
   * Release # of records of a task (rollback targets named by the ledger, which keeps ids only). Known ones come
   * from the history pages already read; the rest from at most one page of RELEASE_LOOKUP_SIZE rows per ≤ 30-day
   * window of the retention, newest window first, stopping once all are found (≤ 4 calls). Ids not found (older
   * than the retention, or deep in a busy window) are not looked up again for RELEASE_MISS_TTL_MS.
   */
  async releaseIdsOf(input: { taskId: string; recordIds: readonly string[] }): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const now = Date.now();
    const missing = new Set<string>();
    for (const id of input.recordIds) {
      const known = this.releaseIds.get(id);
      if (known !== undefined) out.set(id, known);
      else if ((this.releaseMisses.get(id) ?? 0) <= now) missing.add(id);
    }
    if (missing.size === 0) return out;
    const today = this.today();
    for (const w of historyWindows(addDays(today, -(RETENTION_DAYS - 1)), today)) {
      const page = await this.historyPage(input.taskId, w.start, w.end, 1, RELEASE_LOOKUP_SIZE);
      this.rememberReleases(page.result);
      for (const r of page.result) {
        if (missing.delete(r.execution_id) && r.release_id !== undefined && r.release_id !== null) out.set(r.execution_id, r.release_id);
      }
      if (missing.size === 0) break;
    }
    for (const id of missing) this.releaseMisses.set(id, now + RELEASE_MISS_TTL_MS);
    if (this.releaseMisses.size > RELEASE_CACHE_SIZE) this.releaseMisses.clear();
    return out;
  }

  /** Live state and steps of one record, with the task's AOM mapping. */
  async getRecord(input: { taskId: string; recordId: string }): Promise<RecordDetail> {
    const [state, recent] = await Promise.all([
      this.client.deploy({
        operation: "ShowDeployStatus",
        method: "GET",
        path: `/v2/tasks/${input.taskId}/state`,
        query: { record_id: input.recordId, step_state: true },
        schema: showDeployStatusResponseSchema,
        idempotent: true,
      }),
      // Polled every 2 s while a record runs, and read again and again once finished: the task part (name, app id,
      // components) may come from a read of the last TASK_INFO_TTL_MS.
      this.tasks.recentTaskInfo(input.taskId),
    ]);
    const s = state.result;
    const times = timesOf(s.start_time, s.end_time, this.tz);
    // The components' state ("effective") follows the task's latest record: a kept detail only counts when it was
    // asked for after this record's last change (start or end, upstream times are whole seconds; margin for that
    // and for clock skew). Otherwise it is read again, once per start and once per finish.
    const changed = Date.parse(times.endTime ?? times.startTime ?? "");
    const task =
      !recent.cached || (Number.isFinite(changed) && recent.askedAt >= changed + CHANGE_MARGIN_MS) ? recent.info : await this.tasks.taskInfo(input.taskId);
    const runState = toRunState(s.status);
    return {
      recordId: s.record_id || input.recordId,
      taskId: s.task_id || input.taskId,
      taskName: s.task_name ?? task.name ?? null,
      state: runState,
      finished: s.step === "finish" || (runState !== "running" && runState !== "pending" && runState !== "unknown"),
      executor: s.nick_name || s.executor || null,
      steps: (s.step_state ?? []).map((st, i) => toRecordStep(st, i)),
      components: toComponents(task.app_component_list),
      appId: task.app_id ?? null,
      ...times,
    };
  }

  /** A record's parameters; `encrypt` values are masked (the cloud blanks them anyway). */
  async getRecordParams(input: { taskId: string; recordId: string }): Promise<RecordParam[]> {
    const params = await this.executionParams(input.taskId, input.recordId);
    return params.map(toRecordParam);
  }

  /** One chunk of the record's log from `offset` (ShowAppLog needs the app id, read from the task). */
  async getLogs(input: { taskId: string; recordId: string; offset: number }): Promise<LogChunk> {
    return this.appLogChunk(await this.appIdOf(input.taskId), input.recordId, input.offset);
  }

  /**
   * The whole log as it stands, chunk after chunk (ShowAppLog's `end_offset` while `has_more`). Reads the task once
   * before the first chunk, so an unknown task or record fails before anything is yielded. Bounded: at most
   * `maxChunks` upstream reads and about `maxChars` characters; `truncated` on the last item says a bound stopped it.
   */
  async *wholeLog(input: { taskId: string; recordId: string; maxChunks: number; maxChars: number }): AsyncGenerator<{ text: string; truncated: boolean }> {
    const appId = await this.appIdOf(input.taskId);
    let offset = 0;
    let chars = 0;
    for (let n = 1; ; n++) {
      const chunk = await this.appLogChunk(appId, input.recordId, offset);
      chars += chunk.text.length;
      const next = Number(chunk.endOffset);
      // A chunk that does not move the offset forward would loop forever: stop as if the log had ended.
      const more = chunk.hasMore && Number.isSafeInteger(next) && next > offset;
      const truncated = more && (n >= input.maxChunks || chars >= input.maxChars);
      yield { text: chunk.text, truncated };
      if (!more || truncated) return;
      offset = next;
    }
  }

  private async appIdOf(taskId: string): Promise<string> {
    const task = await this.tasks.taskInfo(taskId);
    if (!task.app_id) throw new CodeArtsError("malformed", "ShowDeployTaskDetail", 200, null, "the task has no app_id", null);
    return task.app_id;
  }

  private async appLogChunk(appId: string, recordId: string, offset: number): Promise<LogChunk> {
    const answer = await this.client.deploy({
      operation: "ShowAppLog",
      method: "GET",
      path: `/v1/applications/${appId}/records/${recordId}/logs`,
      query: { offset: String(offset), end_offset: String(offset + LOG_CHUNK) },
      schema: showAppLogResponseSchema,
      idempotent: true,
    });
    const r = answer.result;
    const text = r.text ?? "";
    return {
      text,
      offset: r.offset ?? String(offset),
      endOffset: r.end_offset ?? String(offset + text.length),
      hasMore: r.has_more,
    };
  }

  /**
   * StartDeployTask: the seed's call. Sent once, never retried: a timeout, a broken connection or a 5xx leaves a
   * CodeArtsError with `inDoubt` set (the cloud may have started it), for the ledger to reconcile.
   */
  async startTask(input: { taskId: string; body: StartDeployBody }): Promise<StartResult> {
    const b = input.body;
    const body = {
      ...(b.params.length > 0 ? { params: b.params.map((p) => ({ key: p.key, value: p.value, type: p.type })) } : {}),
      ...(b.record_id ? { record_id: b.record_id } : {}),
      ...(b.trigger_source ? { trigger_source: b.trigger_source } : {}),
    };
    const answer = await this.client.deploy({
      operation: "StartDeployTask",
      method: "POST",
      path: `/v2/tasks/${input.taskId}/start`,
      body,
      schema: startDeployTaskResponseSchema,
      idempotent: false,
    });
    return toStartResult(answer);
  }

  /** StopDeployTask: sent once, like a start (stopping twice is harmless, but a stop is still a write). */
  async stopRecord(input: { taskId: string; recordId: string }): Promise<{ id: string; task_id: string }> {
    const answer = await this.client.deploy({
      operation: "StopDeployTask",
      method: "PUT",
      path: `/v2/tasks/${input.taskId}/records/${input.recordId}/stop`,
      schema: stopDeployTaskResponseSchema,
      idempotent: false,
    });
    return { id: answer.result.id ?? input.recordId, task_id: answer.result.task_id ?? input.taskId };
  }
}

function timesOf(start: string | null | undefined, end: string | null | undefined, tz: number) {
  return { startTime: isoOrNull(start, tz), endTime: isoOrNull(end, tz) };
}
