/**
 * A fake CodeArts for the ledger's database tests: records per task, a start counter, and switches that make a
 * start fail, lose its answer (in doubt, record created or not) or wait on a gate. Not imported by the console.
 */
import { CodeArtsError } from "../../codearts/errors";
import type { RecordParam, RecordStep } from "../../schemas/records";
import type { StartDeployBody, StartResult } from "../../schemas/deploy";
import type { DeployUpstream } from "./deploy-deps";
import type { UpstreamRecord, UpstreamRecordProgress, UpstreamRecordState } from "../../codearts/records";

export interface FakeRecord {
  recordId: string;
  taskId: string;
  startMs: number;
  operator: string;
  type: "deploy" | "rollback";
  params: StartDeployBody["params"];
  finished: boolean;
  aborted: boolean;
  /** Ended failed (at step "Health check", with its FAQ link). */
  failed?: boolean;
  endMs?: number;
}

export type StartMode =
  | { kind: "ok" }
  | { kind: "refuse"; errorCode: string; status?: number }
  | { kind: "lost_after_start" } // the record is created, the answer never arrives
  | { kind: "lost_before_start" } // timed out before the service acted
  | { kind: "gate"; gate: Promise<void> }; // waits, then starts

let seq = 0;
const fakeId = () => (++seq).toString(36).padStart(8, "0").padEnd(32, "f");

export class FakeCodeArts implements DeployUpstream {
  records: FakeRecord[] = [];
  startCalls = 0;
  progressCalls = 0;
  /** recordProgress answers 429 APIGW.0308 (the gateway throttles). */
  progressFails = false;
  stopCalls = 0;
  mode: StartMode = { kind: "ok" };
  operator = "console-iam-user";

  constructor(private readonly clock: () => number) {}

  /** A record as if a start had reached the cloud (its answer lost with the process that sent it). */
  create(taskId: string, body: StartDeployBody): FakeRecord {
    const r: FakeRecord = {
      recordId: fakeId(),
      taskId,
      startMs: this.clock(),
      operator: this.operator,
      type: body.record_id ? "rollback" : "deploy",
      params: body.params,
      finished: false,
      aborted: false,
    };
    this.records.push(r);
    return r;
  }

  async startTask({ taskId, body }: { taskId: string; body: StartDeployBody }): Promise<StartResult> {
    this.startCalls++;
    const mode = this.mode;
    if (mode.kind === "gate") await mode.gate;
    if (mode.kind === "refuse") {
      throw new CodeArtsError("http", "StartDeployTask", mode.status ?? 400, mode.errorCode, "refused by the fake", "fake-req", { idempotent: false });
    }
    if (mode.kind === "lost_before_start") throw new CodeArtsError("timeout", "StartDeployTask", 0, null, "timed out", null, { idempotent: false });
    if (this.records.some((r) => r.taskId === taskId && !r.finished)) {
      throw new CodeArtsError("http", "StartDeployTask", 400, "Deploy.00011027", "being deployed", "fake-req", { idempotent: false });
    }
    const r = this.create(taskId, body);
    if (mode.kind === "lost_after_start") throw new CodeArtsError("timeout", "StartDeployTask", 0, null, "timed out", null, { idempotent: false });
    return { id: r.recordId, task_id: taskId, job_name: `job_${r.recordId}`, app_component_list: [] };
  }

  async stopRecord({ taskId, recordId }: { taskId: string; recordId: string }) {
    this.stopCalls++;
    const r = this.records.find((x) => x.recordId === recordId);
    if (r && !r.finished) Object.assign(r, { finished: true, aborted: true });
    return { id: recordId, task_id: taskId };
  }

  async recordState({ taskId, recordId }: { taskId: string; recordId: string | null }): Promise<UpstreamRecordState | null> {
    const r = recordId ? this.records.find((x) => x.recordId === recordId) : this.records.filter((x) => x.taskId === taskId).at(-1);
    if (!r) return null;
    return {
      recordId: r.recordId,
      state: r.aborted ? "abort" : r.finished ? "succeeded" : "running",
      finished: r.finished,
      executor: r.operator,
      startTime: new Date(r.startMs).toISOString(),
    };
  }

  async recordProgress({ recordId }: { taskId: string; recordId: string }): Promise<UpstreamRecordProgress | null> {
    this.progressCalls++;
    if (this.progressFails) throw new CodeArtsError("http", "ShowDeployStatus", 429, "APIGW.0308", "throttled", "fake-req", { idempotent: true });
    const r = this.records.find((x) => x.recordId === recordId);
    if (!r) return null;
    const state = r.aborted ? "abort" : r.failed ? "failed" : r.finished ? "succeeded" : "running";
    const step = (name: string, s: RecordStep["state"], faqUrl: string | null = null): RecordStep => ({
      id: name,
      name,
      enabled: true,
      state: s,
      elapsedMs: null,
      faqUrl,
    });
    return {
      recordId: r.recordId,
      state,
      finished: r.finished,
      startTime: new Date(r.startMs).toISOString(),
      endTime: r.finished ? new Date(r.endMs ?? this.clock()).toISOString() : null,
      steps: [
        step("Install", r.finished || r.failed ? "succeeded" : "running"),
        step(
          "Health check",
          r.failed ? "failed" : r.finished && !r.aborted ? "succeeded" : "pending",
          r.failed ? "https://support.huaweicloud.com/faq/health-check" : null,
        ),
      ],
    };
  }

  async recordsSince({ taskId, sinceMs }: { taskId: string; sinceMs: number }): Promise<UpstreamRecord[]> {
    return this.records
      .filter((r) => r.taskId === taskId && r.startMs >= sinceMs)
      .reverse()
      .map((r) => ({
        recordId: r.recordId,
        // The cloud keeps whole seconds.
        startTime: new Date(Math.floor(r.startMs / 1000) * 1000).toISOString(),
        operator: r.operator,
        type: r.type,
        state: r.finished ? "succeeded" : "running",
      }));
  }

  async getRecordParams({ recordId }: { taskId: string; recordId: string }): Promise<RecordParam[]> {
    const r = this.records.find((x) => x.recordId === recordId);
    return (r?.params ?? []).map((p) => ({ name: p.key, type: p.type, value: p.type === "encrypt" ? null : p.value, secret: p.type === "encrypt" }));
  }

  finishAll(): void {
    for (const r of this.records) r.finished = true;
  }
}
