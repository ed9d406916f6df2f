/**
 * The record state machine, derived from time alone (no timers): each enabled step takes the record's stepMs;
 * a record fails at its failAtStep, ends `abort` when stopped before its natural end, otherwise succeeds.
 */
import type { SimRecord, SimTask, StepDef } from "./model";

export type RunStatus = "running" | "succeeded" | "failed" | "abort";
export type StepStatus = "pending" | "running" | "succeeded" | "failed" | "aborted" | "disabled";

export interface StepProgress {
  step: StepDef;
  /** Position among enabled steps, or null for a disabled step. */
  enabledIndex: number | null;
  status: StepStatus;
  startMs: number;
  elapsedMs: number;
}

export interface RecordView {
  record: SimRecord;
  status: RunStatus;
  finished: boolean;
  /** When the record ended (or will end if nothing changes). */
  endMs: number;
  /** Elapsed time so far (or in total when finished). */
  elapsedMs: number;
  steps: StepProgress[];
}

/** Moment the record ends if nobody intervenes, and the outcome it ends with. */
function naturalEnd(record: SimRecord, enabledCount: number): { endMs: number; status: RunStatus } {
  if (record.failAtStep !== undefined && record.failAtStep < enabledCount) {
    return { endMs: record.startMs + (record.failAtStep + 1) * record.stepMs, status: "failed" };
  }
  return { endMs: record.startMs + enabledCount * record.stepMs, status: "succeeded" };
}

/** When the record ends and how (a stop before the natural end makes it `abort`). */
function outcome(record: SimRecord, task: SimTask): { endMs: number; status: RunStatus } {
  let enabledCount = 0;
  for (const s of task.steps) if (s.enable) enabledCount++;
  const natural = naturalEnd(record, enabledCount);
  if (record.stoppedAtMs !== undefined && record.stoppedAtMs < natural.endMs) {
    return { endMs: record.stoppedAtMs, status: "abort" };
  }
  return natural;
}

/** Just the status at `nowMs` (cheap: for filtering and sorting many apps). */
export function recordStatus(record: SimRecord, task: SimTask, nowMs: number): RunStatus {
  const { endMs, status } = outcome(record, task);
  return nowMs >= endMs ? status : "running";
}

export function viewRecord(record: SimRecord, task: SimTask, nowMs: number): RecordView {
  const { endMs, status } = outcome(record, task);
  const finished = nowMs >= endMs;
  const clock = Math.min(nowMs, endMs);
  let enabledIndex = 0;
  const steps = task.steps.map((step): StepProgress => {
    const startMs = record.startMs + enabledIndex * record.stepMs;
    if (!step.enable) return { step, enabledIndex: null, status: "disabled", startMs, elapsedMs: 0 };
    const index = enabledIndex++;
    const elapsedMs = Math.max(0, Math.min(record.stepMs, clock - startMs));
    let stepStatus: StepStatus;
    if (clock < startMs || (finished && clock === startMs && status !== "succeeded")) stepStatus = "pending";
    else if (clock >= startMs + record.stepMs) stepStatus = index === record.failAtStep ? "failed" : "succeeded";
    else stepStatus = finished ? "aborted" : "running";
    return { step, enabledIndex: index, status: stepStatus, startMs, elapsedMs };
  });
  return {
    record,
    status: finished ? status : "running",
    finished,
    endMs,
    elapsedMs: Math.max(0, clock - record.startMs),
    steps,
  };
}
