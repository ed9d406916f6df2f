import "server-only";
/**
 * Refused attempts to start, roll back or stop — 401 no session, 403 no right, 409 busy, 423 locked — as one `denied` row
 * each. Two writers, disjoint by construction: the route wrapper's `onRefusal` hook for what it refuses before
 * the handler runs (session, permission; `deniedAttempt` below), and the start pipeline for the checks it runs
 * itself (`refused`). Refusals with other statuses (400, 422) are answered but not ledgered.
 */
import type { NextRequest } from "next/server";
import { idSchema } from "../../schemas/common";
import { startBodyFieldsSchema } from "../../schemas/deploy";
import { appOfTask } from "../db/task-names";
import type { ApiError } from "../errors";
import { ledgerParams } from "../ledger/fingerprint";
import { type RowInput, appendRow } from "../ledger/store";
import { log } from "../log";
import type { Refusal } from "../route";
import { type DeployDeps, nowOf } from "./deploy-deps";
import { actorOf, clientOf } from "./requester";
import { ledgerSecret } from "./wiring";
import { db } from "../db";

/** 423: a lock or a freeze window refused the start; 428: the app needs an approved request. */
const DENIED_STATUSES = new Set([401, 403, 409, 423, 428]);

/** The answer's columns of an outcome or denied row. */
export function outcomeFields(err: ApiError) {
  return {
    http_status: err.status,
    error_code: err.code,
    message: err.message,
    upstream_error_code: err.extra?.upstream?.error_code ?? null,
    upstream_request_id: err.extra?.upstream?.request_id ?? null,
  };
}

/** The fields of a start or stop's ledger rows, as far as the request says them. */
export type AttemptRow = Omit<RowInput, "phase" | "attempted">;

function deniedRow(attempt: AttemptRow, err: ApiError): RowInput {
  const a = attempt.action;
  const attempted = a === "start" || a === "rollback" || a === "stop" ? a : null;
  return { ...attempt, action: "denied", attempted, phase: "denied", ...outcomeFields(err) };
}

/**
 * A check of the start pipeline refused: the `denied` row (when the status is one the ledger keeps), then the
 * error to throw. A row that cannot be written is logged; the refusal stands either way.
 */
export async function refused(deps: DeployDeps, attempt: AttemptRow, err: ApiError): Promise<ApiError> {
  if (DENIED_STATUSES.has(err.status)) {
    await appendRow(deps.db, deniedRow(attempt, err), new Date(nowOf(deps))).catch((e: unknown) =>
      log.error("deploy ledger: denied row not written", { taskId: attempt.task_id, code: err.code, detail: String(e) }),
    );
  }
  return err;
}

/** Small bodies only: a refused request must not make the console read megabytes. */
const MAX_DENIED_BODY = 64 * 1024;

/** The body of a start refused before it was read: kept only when it validates (to tell a rollback from a start). */
async function startBodyOf(req: NextRequest) {
  if (req.bodyUsed || !/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) return null;
  if (Number(req.headers.get("content-length") ?? MAX_DENIED_BODY + 1) > MAX_DENIED_BODY) return null;
  try {
    const parsed = startBodyFieldsSchema.safeParse(JSON.parse(await req.text()));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The route wrapper's `onRefusal` hook of the start and stop routes. A 401 has no actor: the client address and
 * user agent are what is known. Parameters of a refused start are fingerprinted like any other.
 */
export function deniedAttempt(route: "start" | "stop"): (r: Refusal) => Promise<void> {
  return async ({ req, user, rawParams, error, requestId }) => {
    if (!DENIED_STATUSES.has(error.status)) return;
    try {
      const taskId = idSchema.safeParse(rawParams?.taskId).data ?? null;
      const recordId = idSchema.safeParse(rawParams?.recordId).data ?? null;
      const body = route === "start" ? await startBodyOf(req) : null;
      const app = taskId ? await appOfTask(db(), taskId) : { appId: null, appName: null };
      const attempt: AttemptRow = {
        action: route === "stop" ? "stop" : body?.record_id ? "rollback" : "start",
        actor: actorOf(user),
        client: clientOf(req.headers, requestId),
        app_id: app.appId,
        app_name: app.appName,
        task_id: taskId,
        record_id: route === "stop" ? recordId : null,
        target_record_id: body?.record_id ?? null,
        params: body ? ledgerParams(body.params, ledgerSecret()) : null,
        reason: body?.reason ?? null,
        idempotency_key: req.headers.get("idempotency-key")?.slice(0, 128) ?? null,
      };
      await appendRow(db(), deniedRow(attempt, error));
    } catch (err) {
      log.error("deploy ledger: denied attempt not recorded", { requestId, detail: String(err) });
    }
  };
}
