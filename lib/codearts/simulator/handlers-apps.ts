/** v1 application APIs: ListAllApp, ShowAppDetailById, ShowAppLog. */
import { z } from "zod";
import { listAllAppBodySchema, listAllAppResponseSchema, showAppDetailResponseSchema, showAppLogResponseSchema, wireErrorSchema } from "../schemas";
import { ERR, paginate, requireId, requireProject } from "./common";
import { answer, paramInvalid, parseBody, type Reply } from "./http";
import { logLines, logText } from "./log";
import { recordStatus, viewRecord } from "./run-state";
import type { Ctx } from "./state";
import { appDetail, appExecutionInfo, latestView } from "./views";

/** Body keys of a name filter, which the real API rejects ([3P]); the console filters by name itself. */
const NAME_FILTER_KEYS = ["name", "keyword"];

// POST /v1/applications/list
export function listAllApp(ctx: Ctx): Reply {
  const body = parseBody(listAllAppBodySchema, ctx.body);
  const sent = parseBody(z.record(z.string(), z.unknown()), ctx.body);
  const nameFilter = NAME_FILTER_KEYS.find((k) => k in sent);
  if (nameFilter) throw paramInvalid(`${nameFilter}: filtering applications by name is not supported`);
  requireProject(body.project_id);
  const { store } = ctx.sim;
  // Status and sort keys for every app; full record views only for the page answered.
  let rows = store.apps.map((app) => {
    const latest = store.latestRecord(app.task.id);
    return {
      app,
      latest,
      state: latest ? recordStatus(latest, app.task, ctx.nowMs) : "not_executed",
      startMs: latest?.startMs ?? 0,
    };
  });
  // No app groups exist in the seed: every app is "no_grouped", any other group is empty.
  if (body.group_id !== undefined && body.group_id !== "no_grouped") rows = [];
  if (body.states?.length) {
    const wanted = new Set<string>(body.states);
    rows = rows.filter((r) => wanted.has(r.state));
  }
  const byName = (body.sort_name ?? "startTime") === "name";
  const direction = (body.sort_by ?? (byName ? "ASC" : "DESC")) === "ASC" ? 1 : -1;
  rows.sort((a, b) => {
    const primary = byName ? (a.app.name < b.app.name ? -1 : a.app.name > b.app.name ? 1 : 0) : a.startMs - b.startMs;
    return direction * primary || (a.app.id < b.app.id ? -1 : 1);
  });
  const result = paginate(rows, body.page, body.size).map((r) => appExecutionInfo(r.app, r.latest ? viewRecord(r.latest, r.app.task, ctx.nowMs) : undefined));
  return answer(listAllAppResponseSchema, { total_num: rows.length, result });
}

// GET /v1/applications/{app_id}/info — an unknown app answers HTTP 200 with an error body (the quirk).
export function showAppDetail(ctx: Ctx): Reply {
  const appId = requireId(ctx.params.app_id, "app_id");
  const app = ctx.sim.store.app(appId);
  if (!app) return answer(wireErrorSchema, ERR.appMissingIn200());
  const latest = latestView(ctx.sim.store, app.task, ctx.nowMs);
  return answer(showAppDetailResponseSchema, { status: "success", result: appDetail(app, latest) });
}

function offsetParam(ctx: Ctx, name: string): number {
  const raw = ctx.query.get(name);
  if (raw === null || !/^\d{1,19}$/.test(raw)) throw paramInvalid(`${name} must be a string of 1-19 digits`);
  return Number(raw);
}

// GET /v1/applications/{app_id}/records/{record_id}/logs?offset=&end_offset=&step_id=
export function showAppLog(ctx: Ctx): Reply {
  const appId = requireId(ctx.params.app_id, "app_id");
  const recordId = requireId(ctx.params.record_id, "record_id");
  const offset = offsetParam(ctx, "offset");
  const endOffset = offsetParam(ctx, "end_offset");
  if (endOffset < offset) throw paramInvalid("end_offset must not be less than offset");
  const app = ctx.sim.store.app(appId);
  if (!app) throw ERR.appMissing();
  const record = ctx.sim.store.record(recordId);
  if (!record || record.appId !== appId) throw ERR.recordMissing();

  let lines = logLines(app, viewRecord(record, app.task, ctx.nowMs), ctx.nowMs);
  const stepId = ctx.query.get("step_id");
  if (stepId !== null && stepId !== "") {
    const stepIndex = app.task.steps.findIndex((s) => s.id === stepId);
    if (stepIndex < 0) throw paramInvalid(`step_id ${stepId} is not a step of this application`);
    lines = lines.filter((l) => l.stepIndex === stepIndex);
  }
  const text = logText(lines);
  // Offsets count characters of the log text; a slice never ends before it starts.
  const end = Math.max(offset, Math.min(endOffset, text.length));
  return answer(showAppLogResponseSchema, {
    status: "success",
    result: { has_more: text.length > end, text: text.slice(offset, end), offset: String(offset), end_offset: String(end) },
  });
}
