/**
 * Deployment records: the history (≤ 30-day upstream windows stitched over the 92-day retention), one record's
 * status (the one ShowDeployStatus call) and its parameters.
 */
import { RETENTION_DAYS } from "../schemas/param-rules";
import { aomComponentsOf } from "../schemas/record-views";
import type { RecordDetail, RecordParam, RecordSummary, RecordsPage } from "../schemas/records";
import type { CodeArtsClient } from "./client";
import { isResourceMissing } from "./errors";
import { historyWindows, planPages } from "./history";
import { type RecordStatus, toRecordParam, toRecordStatus, toRecordSummary } from "./reshape";
import { SharedReads } from "./shared-reads";
import { listHistoryResponseSchema, showDeployStatusResponseSchema, showExecutionParamsResponseSchema, type WireExecuteRecord } from "./schemas";
import type { TaskLookup } from "./tasks";
import { addDays, upstreamDate } from "./time";

/** A kept task detail must have been asked for this long after the record's last change to count (getRecord). */
const CHANGE_MARGIN_MS = 2_000;
const SINCE_PAGE = 100;
const SINCE_MAX_PAGES = 5;

/** What the deploy service needs of a record's status (in-flight holds, the reconciler). */
export type UpstreamRecordState = Pick<RecordStatus, "recordId" | "state" | "finished" | "executor" | "startTime">;
export type UpstreamRecordProgress = Pick<RecordStatus, "recordId" | "state" | "finished" | "startTime" | "endTime" | "steps">;

/** A history item, as the reconciler compares it with a requested row. */
export interface UpstreamRecord {
  recordId: string;
  /** ISO-8601 UTC (the cloud gives seconds). */
  startTime: string | null;
  operator: string | null;
  /** "deploy" | "rollback" upstream; null when not said. */
  type: string | null;
  state: RecordStatus["state"];
}

const tzOf = (client: CodeArtsClient) => client.config.upstreamUtcOffsetMinutes;

/** Today's date in the cloud's calendar (history windows are upstream dates). */
export const upstreamToday = (client: CodeArtsClient) => upstreamDate(Date.now(), tzOf(client));

export function historyPage(client: CodeArtsClient, q: { taskId: string; start: string; end: string; page: number; size: number }) {
  return client.deploy({
    operation: "ListDeployTaskHistoryByDate",
    method: "GET",
    path: `/v2/${client.config.codeartsProjectId}/task/${q.taskId}/history`,
    query: { page: q.page, size: q.size, start_date: q.start, end_date: q.end },
    schema: listHistoryResponseSchema,
    idempotent: true,
  });
}

export function executionParams(client: CodeArtsClient, taskId: string, recordId: string) {
  return client.deploy({
    operation: "ShowExecutionParams",
    method: "GET",
    path: `/v2/history/tasks/${taskId}/params`,
    query: { record_id: recordId },
    schema: showExecutionParamsResponseSchema,
    idempotent: true,
  });
}

/** The history windows of the whole retention, newest first. */
export function retentionWindows(client: CodeArtsClient) {
  const today = upstreamToday(client);
  return historyWindows(addDays(today, -(RETENTION_DAYS - 1)), today);
}

/** The most recent records (newest first), looking back window by window through the retention period. */
export async function recentRecords(client: CodeArtsClient, taskId: string, count: number): Promise<WireExecuteRecord[]> {
  for (const w of retentionWindows(client)) {
    const page = await historyPage(client, { taskId, start: w.start, end: w.end, page: 1, size: count });
    if (page.result.length > 0) return page.result;
  }
  return [];
}

/** The task's newest record within the retention period, or null when it has none. */
export async function latestRecord(client: CodeArtsClient, input: { taskId: string }): Promise<RecordSummary | null> {
  const [newest] = await recentRecords(client, input.taskId, 1);
  return newest ? toRecordSummary(newest, tzOf(client)) : null;
}

/**
 * Deployment history over [from, to] (≤ 92 days), stitched from ≤ 30-day upstream windows, newest first. Every
 * page read is shown to `seen` (the release-number cache), when given.
 */
export async function listRecords(
  client: CodeArtsClient,
  seen: ((rows: readonly WireExecuteRecord[]) => void) | null,
  input: { taskId: string; from: string; to: string; page: number; size: number },
): Promise<RecordsPage> {
  const windows = historyWindows(input.from, input.to);
  const read = (i: number, page: number) => {
    const w = windows[i];
    if (!w) throw new Error("window out of range");
    return historyPage(client, { taskId: input.taskId, start: w.start, end: w.end, page, size: input.size });
  };
  const firsts = await Promise.all(windows.map((_, i) => read(i, 1)));
  const totals = firsts.map((f) => f.total_num);
  const slices = planPages(totals, (input.page - 1) * input.size, input.size);
  const pages = await Promise.all(slices.map((s) => (s.page === 1 ? Promise.resolve(firsts[s.window]) : read(s.window, s.page))));
  const items = slices.flatMap((s, i) => (pages[i]?.result ?? []).slice(s.skip, s.skip + s.take));
  if (seen) for (const p of [...firsts, ...pages]) if (p) seen(p.result);
  return {
    items: items.map((r) => toRecordSummary(r, tzOf(client))),
    total: totals.reduce((a, b) => a + b, 0),
    page: input.page,
    size: input.size,
    from: input.from,
    to: input.to,
  };
}

/** How long a running record's status is handed out again: twenty viewers polling every 2 s ask the cloud ≤ 1/s. */
export const RUNNING_STATUS_KEEP_MS = 1_000;
/** Finished records' statuses kept (a finished record never changes again). */
const FINISHED_STATUSES_KEPT = 1_000;

/**
 * ShowDeployStatus answers of named records, shared (lib/codearts/shared-reads.ts): a running record's for
 * RUNNING_STATUS_KEEP_MS, a finished record's until evicted.
 */
export const recordStatuses = () => new SharedReads<RecordStatus>((s) => (s.finished ? Infinity : RUNNING_STATUS_KEEP_MS), FINISHED_STATUSES_KEPT);

/**
 * ShowDeployStatus of one record (the task's latest when recordId is null), with or without its steps. The task's
 * latest is always asked anew: a start changes it, and a caller may rely on the answer being younger than its
 * previous read (record-detail.ts captures the AOM mapping on it).
 */
function recordStatus(
  client: CodeArtsClient,
  statuses: SharedReads<RecordStatus>,
  input: { taskId: string; recordId: string | null },
  steps: boolean,
): Promise<RecordStatus> {
  const ask = async () => {
    const answer = await client.deploy({
      operation: "ShowDeployStatus",
      method: "GET",
      path: `/v2/tasks/${input.taskId}/state`,
      query: { ...(input.recordId ? { record_id: input.recordId } : {}), step_state: steps },
      schema: showDeployStatusResponseSchema,
      idempotent: true,
    });
    return toRecordStatus(answer.result, input, tzOf(client));
  };
  return input.recordId ? statuses.read(`${input.taskId}/${input.recordId}/${steps}`, ask) : ask();
}

/** A record's state for the deploy service; null when the cloud no longer has it (e.g. past the retention). */
export async function recordState(
  client: CodeArtsClient,
  statuses: SharedReads<RecordStatus>,
  input: { taskId: string; recordId: string | null },
): Promise<UpstreamRecordState | null> {
  try {
    return await recordStatus(client, statuses, input, false);
  } catch (err) {
    if (isResourceMissing(err)) return null;
    throw err;
  }
}

/**
 * A record's state, times and steps for the record watcher; null when the cloud no longer has it. The same shared
 * read as the record page's (steps included), so a watched record that people are looking at is asked once.
 */
export async function recordProgress(
  client: CodeArtsClient,
  statuses: SharedReads<RecordStatus>,
  input: { taskId: string; recordId: string },
): Promise<UpstreamRecordProgress | null> {
  try {
    return await recordStatus(client, statuses, input, true);
  } catch (err) {
    if (isResourceMissing(err)) return null;
    throw err;
  }
}

/** Live state and steps of one record, with the task's AOM mapping. */
export async function getRecord(
  client: CodeArtsClient,
  tasks: TaskLookup,
  statuses: SharedReads<RecordStatus>,
  input: { taskId: string; recordId: string },
): Promise<RecordDetail> {
  const [status, recent] = await Promise.all([
    recordStatus(client, statuses, input, true),
    // Polled every 2 s while a record runs, and read again and again once finished: the task part (name, app id,
    // components) may come from a read of the last TASK_INFO_TTL_MS.
    tasks.recentTaskInfo(input.taskId),
  ]);
  // The components' state ("effective") follows the task's latest record: a kept detail only counts when it was
  // asked for after this record's last change (start or end, upstream times are whole seconds; margin for that
  // and for clock skew). Otherwise it is read again, once per start and once per finish.
  const changed = Date.parse(status.endTime ?? status.startTime ?? "");
  const fresh = !recent.cached || (Number.isFinite(changed) && recent.askedAt >= changed + CHANGE_MARGIN_MS);
  const task = fresh ? recent.info : await tasks.taskInfo(input.taskId);
  return {
    ...status,
    taskName: status.taskName ?? task.name ?? null,
    components: aomComponentsOf(task.app_component_list),
    appId: task.app_id ?? null,
  };
}

/** A record's parameters; `encrypt` values are masked (the cloud blanks them anyway). */
export async function getRecordParams(client: CodeArtsClient, input: { taskId: string; recordId: string }): Promise<RecordParam[]> {
  const params = await executionParams(client, input.taskId, input.recordId);
  return params.map(toRecordParam);
}

/** The task's records started at or after `sinceMs`, newest first (at most SINCE_MAX_PAGES pages). */
export async function recordsSince(client: CodeArtsClient, input: { taskId: string; sinceMs: number }): Promise<UpstreamRecord[]> {
  const tz = tzOf(client);
  // History windows are upstream calendar dates; start a day early so a clock difference cannot hide a record.
  const from = addDays(upstreamDate(input.sinceMs, tz), -1);
  const to = upstreamDate(Date.now() + 86_400_000, tz);
  const out: UpstreamRecord[] = [];
  for (let page = 1; page <= SINCE_MAX_PAGES; page++) {
    const answer = await listRecords(client, null, { taskId: input.taskId, from, to, page, size: SINCE_PAGE });
    for (const r of answer.items) out.push({ recordId: r.recordId, startTime: r.startTime, operator: r.operator, type: r.type, state: r.state });
    const oldest = answer.items.at(-1)?.startTime;
    if (answer.items.length < SINCE_PAGE || (oldest && Date.parse(oldest) < input.sinceMs)) break;
  }
  return out.filter((r) => !r.startTime || Date.parse(r.startTime) >= input.sinceMs);
}
