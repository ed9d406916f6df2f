import "server-only";
/** CodeArts as the deploy service sees it (DeployUpstream): the console's client plus the record reads it needs. */
import type { CodeArtsDeploy } from "../../codearts/deploy";
import { CodeArtsError } from "../../codearts/errors";
import { toRunState } from "../../codearts/reshape";
import { showDeployStatusResponseSchema } from "../../codearts/schemas";
import { addDays, upstreamDate, upstreamTimeToIso } from "../../codearts/time";
import type { RunState } from "../../schemas/common";
import type { DeployUpstream } from "./deploy-deps";

export interface UpstreamRecordState {
  recordId: string;
  state: RunState;
  finished: boolean;
  executor: string | null;
  startTime: string | null;
}

/** A history item, as the reconciler compares it with a requested row. */
export interface UpstreamRecord {
  recordId: string;
  /** ISO-8601 UTC (the cloud gives seconds). */
  startTime: string | null;
  operator: string | null;
  /** "deploy" | "rollback" upstream; null when not said. */
  type: string | null;
  state: RunState;
}

/** "No such record/app" from CodeArts: the marker's record is gone (e.g. past the 92-day retention). */
const isMissing = (err: unknown) => err instanceof CodeArtsError && ["Deploy.00011303", "Deploy.00011020", "Deploy.00011021"].includes(err.errorCode ?? "");

const HISTORY_PAGE = 100;
const HISTORY_MAX_PAGES = 5;

export function codeartsUpstream(d: CodeArtsDeploy): DeployUpstream {
  const tz = d.client.config.upstreamUtcOffsetMinutes;
  return {
    startTask: d.startTask.bind(d),
    stopRecord: d.stopRecord.bind(d),
    getRecordParams: d.getRecordParams.bind(d),

    async recordState({ taskId, recordId }) {
      try {
        const answer = await d.client.deploy({
          operation: "ShowDeployStatus",
          method: "GET",
          path: `/v2/tasks/${taskId}/state`,
          query: { ...(recordId ? { record_id: recordId } : {}), step_state: false },
          schema: showDeployStatusResponseSchema,
          idempotent: true,
        });
        const s = answer.result;
        const state = toRunState(s.status);
        return {
          recordId: s.record_id || recordId || "",
          state,
          finished: s.step === "finish" || (state !== "running" && state !== "pending" && state !== "unknown"),
          executor: s.nick_name || s.executor || null,
          startTime: upstreamTimeToIso(s.start_time, tz),
        };
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    },

    async recordsSince({ taskId, sinceMs }) {
      // History windows are upstream calendar dates; start a day early so a clock difference cannot hide a record.
      const from = addDays(upstreamDate(sinceMs, tz), -1);
      const to = upstreamDate(Date.now() + 86_400_000, tz);
      const out: UpstreamRecord[] = [];
      for (let page = 1; page <= HISTORY_MAX_PAGES; page++) {
        const answer = await d.listRecords({ taskId, from, to, page, size: HISTORY_PAGE });
        for (const r of answer.items) {
          out.push({ recordId: r.recordId, startTime: r.startTime, operator: r.operator, type: r.type, state: r.state });
        }
        const oldest = answer.items.at(-1)?.startTime;
        if (answer.items.length < HISTORY_PAGE || (oldest && Date.parse(oldest) < sinceMs)) break;
      }
      return out.filter((r) => !r.startTime || Date.parse(r.startTime) >= sinceMs);
    },
  };
}
