/** Deployment record APIs: ListDeployTaskHistoryByDate, ShowExecutionParams, ShowDeployStatus. */
import { historyQuerySchema, listHistoryResponseSchema, showDeployStatusResponseSchema, showExecutionParamsResponseSchema } from "../schemas";
import { ERR, paginate, requireId, requireProject, requireRecordOf, requireTask } from "./common";
import { answer, describeIssues, paramInvalid, type Reply } from "./http";
import { viewRecord } from "./run-state";
import type { Ctx } from "./state";
import { DAY_MS, parseLocalDate } from "./time";
import { executionParams, historyItem, stateInfo } from "./views";

/** Records are kept about 92 days (user guide); older ones drop out of the history. */
const RETENTION_MS = 92 * DAY_MS;
const MAX_SPAN_DAYS = 30;
const EARLIEST = parseLocalDate("1970-01-01") ?? 0;
const LATEST = parseLocalDate("2125-12-30") ?? 0;

// GET /v2/{project_id}/task/{id}/history?page=&size=&start_date=&end_date=
export function listHistory(ctx: Ctx): Reply {
  const projectId = requireId(ctx.params.project_id, "project_id");
  const taskId = requireId(ctx.params.id, "id");
  const parsed = historyQuerySchema.safeParse({
    page: ctx.query.get("page") ?? undefined,
    size: ctx.query.get("size") ?? undefined,
    start_date: ctx.query.get("start_date") ?? undefined,
    end_date: ctx.query.get("end_date") ?? undefined,
  });
  if (!parsed.success) throw paramInvalid(describeIssues(parsed.error));
  const { page, size, start_date, end_date } = parsed.data;
  const from = parseLocalDate(start_date);
  const to = parseLocalDate(end_date);
  if (from === null || to === null) throw paramInvalid("start_date and end_date must be real dates (yyyy-MM-dd)");
  if (from < EARLIEST || to > LATEST) throw paramInvalid("dates must lie between 1970-01-01 and 2125-12-30");
  if (to < from) throw paramInvalid("end_date must not be earlier than start_date");
  // The cloud documents the 30-day limit; the exact error code it answers with is unconfirmed (DEV.CH.10001 here).
  if ((to - from) / DAY_MS > MAX_SPAN_DAYS) throw paramInvalid(`the date range must not exceed ${MAX_SPAN_DAYS} days`);
  requireProject(projectId);
  const { task } = requireTask(ctx, taskId);

  const windowEnd = to + DAY_MS;
  const oldestKept = ctx.nowMs - RETENTION_MS;
  const inWindow = ctx.sim.store
    .records(task.id)
    .filter((r) => r.startMs >= from && r.startMs < windowEnd && r.startMs >= oldestKept)
    .reverse();
  const result = paginate(inWindow, page, size).map((r) => historyItem(viewRecord(r, task, ctx.nowMs)));
  return answer(listHistoryResponseSchema, { result, total_num: inWindow.length });
}

// GET /v2/history/tasks/{task_id}/params?record_id= — a bare array.
export function showExecutionParams(ctx: Ctx): Reply {
  const taskId = requireId(ctx.params.task_id, "task_id");
  const recordId = requireId(ctx.query.get("record_id"), "record_id");
  requireTask(ctx, taskId);
  const record = requireRecordOf(ctx, taskId, recordId);
  return answer(showExecutionParamsResponseSchema, executionParams(record));
}

// GET /v2/tasks/{task_id}/state?record_id=&step_state= — record_id omitted means the latest record.
export function showDeployStatus(ctx: Ctx): Reply {
  const taskId = requireId(ctx.params.task_id, "task_id");
  const rawRecordId = ctx.query.get("record_id");
  const stepState = ctx.query.get("step_state");
  if (stepState !== null && stepState !== "" && stepState !== "true" && stepState !== "false") {
    throw paramInvalid("step_state must be true or false");
  }
  const { task, app } = requireTask(ctx, taskId);
  const record =
    rawRecordId === null || rawRecordId === "" ? ctx.sim.store.latestRecord(taskId) : requireRecordOf(ctx, taskId, requireId(rawRecordId, "record_id"));
  if (!record) throw ERR.recordMissing();
  const view = viewRecord(record, task, ctx.nowMs);
  return answer(showDeployStatusResponseSchema, {
    status: "success",
    result: stateInfo(app, view, ctx.nowMs, stepState !== "false"),
  });
}
