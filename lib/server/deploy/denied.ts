import "server-only";
/**
 * Refused attempts to start, roll back or stop (401 no session, 403 no right, 409 busy) as one `denied` row each,
 * written by the route wrapper. A 401 has no actor: the client address and user agent are what is known. The
 * body of a refused start is read only to tell a rollback from a start and is kept only when it validates
 * (parameters fingerprinted like any other).
 */
import type { NextRequest } from "next/server";
import { idSchema } from "../../schemas/common";
import { startBodyFieldsSchema } from "../../schemas/deploy";
import type { ErrorAnswer } from "../errors";
import { log } from "../log";
import type { Principal } from "../permissions";
import { actorOf, clientOf } from "./requester";
import { ledgerParams } from "../ledger/fingerprint";
import { outcomeFields } from "./refusals";
import type { Db } from "../db/schema";
import { appOfTask } from "../db/task-names";
import { appendRow } from "../ledger/store";

export type LedgeredRoute = "start" | "stop";
export const DENIED_STATUSES = new Set([401, 403, 409]);

/** Small bodies only: a refused request must not make the console read megabytes. */
const MAX_DENIED_BODY = 64 * 1024;

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

export async function recordDenied(
  db: Db,
  input: {
    route: LedgeredRoute;
    req: NextRequest;
    user: Principal | null;
    rawParams: Record<string, string | string[]> | undefined;
    answer: ErrorAnswer;
    requestId: string;
    secret: () => Buffer | string;
  },
): Promise<void> {
  try {
    const taskId = idSchema.safeParse(input.rawParams?.taskId).data ?? null;
    const recordId = idSchema.safeParse(input.rawParams?.recordId).data ?? null;
    const body = input.route === "start" ? await startBodyOf(input.req) : null;
    const app = taskId ? await appOfTask(db, taskId) : { appId: null, appName: null };
    await appendRow(db, {
      action: "denied",
      attempted: input.route === "stop" ? "stop" : body?.record_id ? "rollback" : "start",
      phase: "denied",
      actor: actorOf(input.user),
      client: clientOf(input.req.headers, input.requestId),
      app_id: app.appId,
      app_name: app.appName,
      task_id: taskId,
      record_id: input.route === "stop" ? recordId : null,
      target_record_id: body?.record_id ?? null,
      params: body ? ledgerParams(body.params, input.secret()) : null,
      reason: body?.reason ?? null,
      idempotency_key: input.req.headers.get("idempotency-key")?.slice(0, 128) ?? null,
      ...outcomeFields(input.answer),
    });
  } catch (err) {
    log.error("deploy ledger: denied attempt not recorded", { requestId: input.requestId, detail: String(err) });
  }
}
