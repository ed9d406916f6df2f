// POST /api/tasks/[taskId]/records/[recordId]/stop – stop a running record (deployer on the task)
import { recordParamsSchema } from "@/lib/schemas/records";
import { actorOf, clientOf } from "@/lib/server/deploy/requester";
import { ledgerDeps } from "@/lib/server/deploy/wiring";
import { guardedStop } from "@/lib/server/deploy/stop";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const POST = route({ permission: "deploy", params: recordParamsSchema, ledger: "stop" }, async ({ req, params, user, requestId }) => {
  // Ledger rows requested → stopped/failed; the task's in-flight marker goes when it was this record's.
  const result = await guardedStop(ledgerDeps(), { ...params, actor: actorOf(user), client: clientOf(req.headers, requestId) });
  log.info("deployment stop requested", { requestId, user: user.email, taskId: params.taskId, recordId: params.recordId });
  return result;
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
