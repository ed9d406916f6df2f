/**
 * Live progress of a record (--wait, --watch): its state, the current step and the time elapsed. On a terminal
 * one line redrawn in place (the elapsed time ticks every second); elsewhere (CI logs) one line per change of
 * state or step, never a line per poll.
 */
import type { RecordDetail, RecordStep } from "../lib/schemas/records";
import type { OutStream } from "./io";

/** 7 s → 0:07, 63 s → 1:03, 3723 s → 1:02:03. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** The step to show: the running one, else the one that failed or was stopped, else the last that ran, else the first. */
export function currentStep(steps: readonly RecordStep[]): { step: RecordStep; index: number; total: number } | null {
  const enabled = steps.filter((s) => s.enabled);
  if (enabled.length === 0) return null;
  const pick =
    enabled.find((s) => s.state === "running") ??
    enabled.find((s) => s.state === "failed" || s.state === "stopped") ??
    enabled.findLast((s) => s.state === "succeeded") ??
    enabled[0]!;
  return { step: pick, index: enabled.indexOf(pick) + 1, total: enabled.length };
}

/** Time since the record started (its own start time when the cloud gave one), up to its end once finished. */
export function elapsedOf(record: Pick<RecordDetail, "startTime" | "endTime" | "finished">, nowMs: number, sinceMs: number): number {
  const start = record.startTime ? Date.parse(record.startTime) : NaN;
  const end = record.finished && record.endTime ? Date.parse(record.endTime) : nowMs;
  const from = Number.isNaN(start) ? sinceMs : start;
  return Math.max(0, (Number.isNaN(end) ? nowMs : end) - from);
}

/** `running · step 2/5 Install Service · 0:42`; `succeeded · 5 steps · 1:03`; `failed · step 3/5 Health Test failed · 0:51`. */
export function progressLine(record: RecordDetail, nowMs: number, sinceMs = nowMs): string {
  const parts: string[] = [record.state];
  const cur = currentStep(record.steps);
  if (cur && record.finished && record.state === "succeeded") parts.push(`${cur.total} step${cur.total === 1 ? "" : "s"}`);
  else if (cur) parts.push(`step ${cur.index}/${cur.total} ${cur.step.name}${cur.step.state !== record.state ? ` ${cur.step.state}` : ""}`);
  parts.push(formatElapsed(elapsedOf(record, nowMs, sinceMs)));
  return parts.join(" · ");
}

/** What counts as a change for the line-per-change output: the state and the current step, not the clock. */
export function changeKey(record: RecordDetail): string {
  const cur = currentStep(record.steps);
  return `${record.state}|${record.finished}|${cur ? `${cur.index}:${cur.step.state}` : "-"}`;
}

export class ProgressView {
  private record: RecordDetail | null = null;
  private lastKey: string | null = null;
  private readonly since: number;

  constructor(
    private readonly stream: OutStream,
    private readonly now: () => number,
  ) {
    this.since = now();
  }

  get live() {
    return this.stream.isTTY === true;
  }

  show(record: RecordDetail) {
    this.record = record;
    if (this.live) return this.redraw();
    const key = changeKey(record);
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.stream.write(`${progressLine(record, this.now(), this.since)}\n`);
  }

  /** A terminal's elapsed time moves on between polls. */
  tick() {
    if (this.live && this.record) this.redraw();
  }

  /** Leaves the last line in place. */
  end() {
    if (this.live && this.record) this.stream.write("\n");
  }

  private redraw() {
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    const line = progressLine(this.record!, this.now(), this.since);
    this.stream.write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1).trimEnd()}…` : line}`);
  }
}
