import "server-only";
/** The 409 of a task that is already being deployed, and the ledger fields of an answer. */
import type { CodeArtsError } from "../../codearts/errors";
import type { InFlight } from "../../schemas/tasks";
import { recordLink } from "../../schemas/records";
import type { InflightRow } from "../db/schema-ledger";
import { ApiError, type ErrorAnswer } from "../errors";
import { type LedgerDeps, liveStartMs } from "./timeouts";
import { toInFlight } from "./in-flight";

const who = (f: InFlight) => (f.by.name && f.by.email ? `${f.by.name} <${f.by.email}>` : (f.by.email ?? f.by.name ?? "someone outside the console"));

/** 409 deploy_in_progress from the console's own marker. */
export function inProgressError(m: InflightRow, appName: string | null, now: number, timeoutMs: number): ApiError {
  const f = toInFlight(m, now, liveStartMs(timeoutMs));
  const app = appName ?? "This app";
  const message =
    f.state === "in_doubt"
      ? `${app} has a start by ${who(f)} at ${f.at} that may or may not have reached CodeArts; the console is checking the task's history and will settle it shortly. Start again once it is settled.`
      : `${app} is already being deployed: started by ${who(f)} at ${f.at}${f.link ? `, record ${f.recordId} (${f.link})` : " (its record is not known yet)"}. Wait for it to finish or stop it, then start again.`;
  return new ApiError("deploy_in_progress", message, undefined, { inFlight: f });
}

/**
 * The cloud's own "already being deployed" (Deploy.00011027): a deployment the console did not start (CodeArts
 * UI, a pipeline) or one whose marker is gone. Reports whatever ShowDeployStatus says about the latest record.
 */
export async function upstreamConflictError(deps: LedgerDeps, taskId: string, appName: string | null, ca: CodeArtsError): Promise<ApiError> {
  const latest = await deps.upstream.recordState({ taskId, recordId: null }).catch(() => null);
  const running = latest && !latest.finished ? latest : null;
  const inFlight: InFlight | null = running
    ? {
        by: { id: null, name: running.executor, email: null },
        at: running.startTime ?? "",
        recordId: running.recordId || null,
        state: "running",
        link: recordLink(taskId, running.recordId || null),
        ledgerId: null,
      }
    : null;
  const app = appName ?? "This app";
  const detail = running
    ? `: record ${running.recordId} (${recordLink(taskId, running.recordId)}) started${running.executor ? ` by ${running.executor}` : ""}${running.startTime ? ` at ${running.startTime}` : ""}`
    : "";
  return new ApiError(
    "deploy_in_progress",
    `CodeArts reports that ${app} is already being deployed${detail}. Wait for it to finish or stop it, then start again.`,
    undefined,
    {
      inFlight,
      upstream: { status: ca.status, error_code: ca.errorCode, error_msg: ca.errorMsg, request_id: ca.requestId },
    },
  );
}

/** The answer's columns of an outcome or denied row. */
export function outcomeFields(answer: ErrorAnswer) {
  const e = answer.body.error;
  return {
    http_status: answer.status,
    error_code: e.code,
    message: e.message,
    upstream_error_code: e.upstream?.error_code ?? null,
    upstream_request_id: e.upstream?.request_id ?? null,
  };
}
