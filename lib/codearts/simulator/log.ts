/**
 * A record's deployment log, derived from the same clock as its state: lines appear as their moment passes,
 * so the log grows while the record runs and stops growing when it ends.
 */
import type { SimApp, SimRecord } from "./model";
import type { RecordView } from "./run-state";
import { formatDuration, formatLocal } from "./time";

export interface LogLine {
  atMs: number;
  /** Index into task.steps, or null for record-level lines. */
  stepIndex: number | null;
  text: string;
}

/** Replace `${name}` by the record's parameter value; secrets are masked. */
function substitute(template: string, record: SimRecord): string {
  return template.replace(/\$\{([A-Za-z0-9._-]+)\}/g, (whole, name: string) => {
    const param = record.params.find((p) => p.name === name);
    if (!param) return whole;
    return param.type === "encrypt" ? "******" : param.value;
  });
}

const DETAIL_FRACTIONS = [0.2, 0.45, 0.7, 0.85];

/** Every line written up to now (in order). */
export function logLines(app: SimApp, view: RecordView, nowMs: number): LogLine[] {
  const { record } = view;
  const lines: LogLine[] = [];
  const at = (atMs: number, stepIndex: number | null, level: string, text: string) =>
    lines.push({ atMs, stepIndex, text: `[${formatLocal(atMs)}] [${level}] ${text}` });

  at(record.startMs, null, "INFO", `Deployment #${record.releaseId} of ${app.name} started by ${record.operator.nickname} (${record.operator.name})`);
  at(record.startMs, null, "INFO", `Job ${record.jobName}, task ${record.taskId}`);
  if (record.rollbackOf) {
    const release = record.rollbackOfRelease === undefined ? "" : `#${record.rollbackOfRelease} `;
    at(record.startMs, null, "INFO", `Rollback to ${release}(record ${record.rollbackOf}): reusing its parameters`);
  }

  const enabledCount = view.steps.filter((s) => s.enabledIndex !== null).length;
  view.steps.forEach((progress, stepIndex) => {
    const { step } = progress;
    // Steps after a failure or a stop never start.
    if (view.finished && view.status !== "succeeded" && progress.startMs >= view.endMs) return;
    if (progress.enabledIndex === null) {
      at(progress.startMs, stepIndex, "INFO", `Step "${step.name}" is disabled, skipped`);
      return;
    }
    at(progress.startMs, stepIndex, "INFO", `===== Step ${progress.enabledIndex + 1}/${enabledCount}: ${step.name} =====`);
    step.logLines.forEach((template, i) => {
      at(progress.startMs + Math.floor(record.stepMs * (DETAIL_FRACTIONS[i] ?? 0.9)), stepIndex, "INFO", substitute(template, record));
    });
    const endMs = progress.startMs + record.stepMs;
    if (progress.enabledIndex === record.failAtStep) {
      at(endMs, stepIndex, "ERROR", `${step.name} failed: ${substitute(step.error, record)}`);
      at(endMs, stepIndex, "ERROR", `See ${step.faqUrl}`);
    } else {
      at(endMs, stepIndex, "INFO", `${step.name} succeeded in ${(record.stepMs / 1000).toFixed(1)} s`);
    }
  });

  const total = formatDuration(view.endMs - record.startMs);
  if (view.status === "succeeded") at(view.endMs, null, "INFO", `Deployment succeeded, elapsed ${total}`);
  if (view.status === "failed") at(view.endMs, null, "ERROR", `Deployment failed, elapsed ${total}`);
  if (view.status === "abort") {
    at(view.endMs, null, "WARN", `Deployment stopped by ${record.stoppedBy?.nickname ?? "user"}, elapsed ${total}`);
  }

  const visibleUntil = Math.min(nowMs, view.endMs);
  return lines
    .map((line, order) => ({ line, order }))
    .filter(({ line }) => line.atMs <= visibleUntil)
    .sort((a, b) => a.line.atMs - b.line.atMs || a.order - b.order)
    .map(({ line }) => line);
}

export function logText(lines: readonly LogLine[]): string {
  return lines.map((l) => `${l.text}\n`).join("");
}

/** Character offsets of each step's section in the full log so far: [offset, current_offset]. */
export function stepOffsets(lines: readonly LogLine[], stepCount: number): Array<{ offset: number; current: number }> {
  const result = Array.from({ length: stepCount }, () => ({ offset: 0, current: 0, seen: false }));
  let pos = 0;
  for (const line of lines) {
    const len = line.text.length + 1;
    const slot = line.stepIndex === null ? undefined : result[line.stepIndex];
    if (slot) {
      if (!slot.seen) slot.offset = pos;
      slot.seen = true;
      slot.current = pos + len;
    }
    pos += len;
  }
  return result.map(({ offset, current }) => ({ offset, current }));
}
