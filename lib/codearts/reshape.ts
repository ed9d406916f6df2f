/** Vendor shapes → console types. Tolerant of every quirk the reference lists. */
import type { RecordDetail, RecordParam, RecordStep, RecordSummary, StepState } from "../schemas/records";
import type { AppSummary } from "../schemas/apps";
import type { ParamDefinition } from "../schemas/tasks";
import type { RunState } from "../schemas/common";
import type { StartResult } from "../schemas/deploy";
import { PARAM_TYPES } from "../schemas/param-rules";
import type {
  WireAppExecutionInfo,
  WireExecuteRecord,
  WireStartDeployTaskResponse,
  configInfoSchema,
  showDeployStatusResponseSchema,
  stepInfoSchema,
  stepsMapSchema,
} from "./schemas";
import type { z } from "zod";
import { upstreamTimeToIso } from "./time";

const RUN_STATES: RunState[] = ["running", "succeeded", "failed", "abort", "not_started", "pending", "timeout", "not_executed"];

/** Upstream run states, case-insensitive; a few synonyms seen across doc revisions. */
export function toRunState(value: string | null | undefined): RunState {
  const v = (value ?? "").trim().toLowerCase();
  if ((RUN_STATES as string[]).includes(v)) return v as RunState;
  if (v === "success" || v === "succeed") return "succeeded";
  if (v === "fail" || v === "error") return "failed";
  if (v === "aborted" || v === "stopped" || v === "cancelled" || v === "canceled") return "abort";
  if (v === "queued" || v === "waiting") return "pending";
  return "unknown";
}

/**
 * A task's `state` is documented as `Available` | `Draft`, but the doc's own ListDeployTasks example carries the
 * last run's result there (`succeeded`, `failed`) — tolerate both: draft only when it says Draft, and a run
 * state in `state` counts as the last run when `execution_state` is absent.
 */
export function taskStateOf(state: string | null | undefined, executionState?: string | null): { draft: boolean; lastRun: RunState | null } {
  const s = (state ?? "").trim().toLowerCase();
  const fromExecution = executionState ? toRunState(executionState) : null;
  if (s === "draft" || s === "available" || s === "") return { draft: s === "draft", lastRun: fromExecution };
  const fromState = toRunState(s);
  return { draft: false, lastRun: fromExecution ?? (fromState === "unknown" ? null : fromState) };
}

/**
 * A picker row. ListAllApp carries the task's state (`arrange_infos[].state`: Draft) but not its trigger rule:
 * `triggerSource` is null here and filled from ShowTaskTrigger for the rows the picker shows.
 */
export function toAppSummary(a: WireAppExecutionInfo, tz: number): AppSummary {
  const task = taskStateOf(a.arrange_infos?.[0]?.state, a.execution_state);
  return {
    appId: a.id,
    taskId: a.arrange_infos?.[0]?.id ?? null,
    name: a.name,
    projectName: a.project_name ?? null,
    lastState: task.lastRun ?? "not_executed",
    lastRunAt: upstreamTimeToIso(a.execution_time, tz),
    executor: a.executor_nick_name || a.executor_id || null,
    releaseId: a.release_id ?? null,
    duration: a.duration || null,
    favourite: a.is_care ?? false,
    disabled: a.is_disable ?? false,
    draft: task.draft,
    triggerSource: null,
    deploySystem: a.deploy_system ?? null,
  };
}

/** StartDeployTask's answer as the seed asks for it: the upstream fields, absent ones as null. */
export function toStartResult(answer: WireStartDeployTaskResponse): StartResult {
  return {
    id: answer.id,
    task_id: answer.task_id,
    job_name: answer.job_name ?? null,
    app_component_list: (answer.app_component_list ?? []).map((c) => ({
      task_id: c.task_id ?? null,
      app_id: c.app_id ?? null,
      app_name: c.app_name ?? null,
      comp_id: c.comp_id ?? null,
      comp_name: c.comp_name ?? null,
      domain_id: c.domain_id ?? null,
      region: c.region ?? null,
      state: c.state ?? null,
    })),
  };
}

export function toRecordSummary(r: WireExecuteRecord, tz: number): RecordSummary {
  return {
    recordId: r.execution_id,
    releaseId: r.release_id ?? null,
    state: toRunState(r.state),
    operator: r.nickname || r.operator || null,
    startTime: upstreamTimeToIso(r.start_time, tz),
    endTime: upstreamTimeToIso(r.end_time, tz),
    duration: r.duration || null,
    type: r.type ?? null,
  };
}

/** A record's status (ShowDeployStatus), the one reshape of it: the record page and the deploy service read this. */
export type RecordStatus = Omit<RecordDetail, "components" | "appId" | "releaseId">;

export function toRecordStatus(
  s: z.infer<typeof showDeployStatusResponseSchema>["result"],
  asked: { taskId: string; recordId: string | null },
  tz: number,
): RecordStatus {
  const state = toRunState(s.status);
  return {
    recordId: s.record_id || asked.recordId || "",
    taskId: s.task_id || asked.taskId,
    taskName: s.task_name ?? null,
    state,
    finished: s.step === "finish" || (state !== "running" && state !== "pending" && state !== "unknown"),
    executor: s.nick_name || s.executor || null,
    startTime: upstreamTimeToIso(s.start_time, tz),
    endTime: upstreamTimeToIso(s.end_time, tz),
    steps: withStepStates(
      (s.step_state ?? []).map((st, i) => toRecordStep(st, i)),
      state,
      (s.step_state ?? []).map(progressed),
    ),
  };
}

type WireStep = z.infer<typeof stepInfoSchema>;

/** A step has run (at least partly) when it took time or wrote to the log. */
const progressed = (s: WireStep) => (s.elapsed_time ?? 0) > 0 || (s.current_offset ?? 0) > (s.offset ?? 0);

export function toRecordStep(s: WireStep, index: number): RecordStep {
  return {
    id: s.id !== undefined && s.id !== null ? String(s.id) : String(index + 1),
    name: s.name ?? `#${index + 1}`,
    enabled: s.enable ?? true,
    state: "unknown",
    elapsedMs: s.elapsed_time ?? null,
    faqUrl: s.faq_url || null,
  };
}

/**
 * Each step's state. StepInfo carries none, so it follows from the record's state and the steps' progress: steps
 * run in order, so every enabled step before the last one that progressed has succeeded. That last one is running
 * (record running), failed (record failed; the step with a `faq_url` when the cloud names one) or stopped (record
 * aborted); the steps after it are pending while the record runs and did not run once it has ended. Disabled
 * steps are skipped; a record in a state that says nothing about its steps leaves them unknown.
 */
function withStepStates(steps: readonly RecordStep[], record: RunState, hasProgress: readonly boolean[]): RecordStep[] {
  const enabled = steps.flatMap((s, i) => (s.enabled ? [i] : []));
  const lastProgressed = enabled.filter((i) => hasProgress[i]).at(-1) ?? -1;
  const faq = enabled.find((i) => steps[i]?.faqUrl);
  // Where the run stands: the step that is running, failed or was stopped (-1: none identified).
  let at = -1;
  let atState: StepState = "unknown";
  let after: StepState = "unknown";
  let before: StepState = "succeeded";
  switch (record) {
    case "running":
      at = lastProgressed >= 0 ? lastProgressed : (enabled[0] ?? -1);
      atState = "running";
      after = "pending";
      break;
    case "succeeded":
      at = Number.POSITIVE_INFINITY;
      break;
    case "failed":
    case "timeout":
      at = faq ?? lastProgressed;
      atState = "failed";
      after = "not_run";
      break;
    case "abort":
      at = lastProgressed;
      atState = "stopped";
      after = "not_run";
      break;
    default:
      // pending, not_started, not_executed, unknown: nothing has run, or nothing can be said.
      at = -1;
      before = "unknown";
      after = record === "pending" || record === "not_started" ? "pending" : record === "not_executed" ? "not_run" : "unknown";
  }
  return steps.map((s, i) => {
    if (!s.enabled) return { ...s, state: "skipped" };
    if (at === -1) return { ...s, state: after };
    const state: StepState = i < at ? before : i === at ? atState : after;
    return { ...s, state };
  });
}

const asParamType = (t: string | null | undefined): ParamDefinition["type"] =>
  (PARAM_TYPES as readonly string[]).includes(t ?? "") ? (t as ParamDefinition["type"]) : "text";

export function toRecordParam(p: z.infer<typeof configInfoSchema>): RecordParam {
  const secret = p.type === "encrypt";
  return { name: p.name, type: p.type ?? "text", value: secret ? null : (p.value ?? ""), secret };
}

/** `${name}` references in step params (a step param may hold several, e.g. "${host}:${port}"). */
export function stepReferences(steps: z.infer<typeof stepsMapSchema>): string[] {
  const names: string[] = [];
  const stepKeys = Object.keys(steps).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  for (const k of stepKeys) {
    for (const v of Object.values(steps[k]?.params ?? {})) {
      for (const m of String(v ?? "").matchAll(/\$\{([A-Za-z0-9._-]{1,128})\}/g)) {
        if (m[1] && !names.includes(m[1])) names.push(m[1]);
      }
    }
  }
  return names;
}

/**
 * Runtime parameter definitions: every name the steps reference or the recent records carry. Type and value
 * come from the newest record that has the name; `encrypt` values are never kept; enum options are the
 * distinct values used in the recent records, newest first.
 */
export function toParamDefinitions(steps: z.infer<typeof stepsMapSchema>, recordParams: z.infer<typeof configInfoSchema>[][]): ParamDefinition[] {
  const defs = new Map<string, ParamDefinition>();
  for (const params of recordParams) {
    for (const p of params) {
      const existing = defs.get(p.name);
      const type = existing?.type ?? asParamType(p.type);
      const value = type === "encrypt" ? null : (p.value ?? "");
      if (!existing) {
        defs.set(p.name, { name: p.name, type, value, source: "last_run", options: value !== null && value !== "" ? [value] : [] });
      } else if (value !== null && value !== "" && !existing.options.includes(value)) {
        existing.options.push(value);
      }
    }
  }
  const ordered: ParamDefinition[] = [];
  for (const name of stepReferences(steps)) {
    ordered.push(defs.get(name) ?? { name, type: "text", value: null, source: "step_reference", options: [] });
    defs.delete(name);
  }
  ordered.push(...defs.values());
  for (const d of ordered) if (d.type !== "enum") d.options = d.type === "encrypt" ? [] : d.options.slice(0, 1);
  return ordered;
}
