// POST /api/tasks/[taskId]/preview – what a start with these rows would change against the task's latest record
import { compareParams } from "@/lib/deploy/compare-params";
import { consoleApi } from "@/lib/schemas/api";
import { codearts } from "@/lib/server/codearts";
import { db } from "@/lib/server/db";
import { fingerprint } from "@/lib/server/ledger/fingerprint";
import { ledgerSecret } from "@/lib/server/deploy/wiring";
import { sentParams } from "@/lib/server/ledger/sent-params";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

/**
 * Reads only (history, execution params, the ledger). "deploy" permission: the answer says whether a typed secret
 * equals the one the latest record was started with, which only someone who may set that secret should learn.
 */
export const POST = route(consoleApi["POST /api/tasks/:taskId/preview"], async ({ params, body }) => {
  const deploy = codearts();
  const latest = await deploy.latestRecord({ taskId: params.taskId });
  if (!latest) {
    return {
      latest: null,
      latestViaConsole: false,
      changes: compareParams({ params: body.params, keep: body.keep_secrets ?? [], before: [], ledger: null, fingerprint: () => "" }),
    };
  }
  const secret = ledgerSecret();
  const [before, sent] = await Promise.all([
    deploy.getRecordParams({ taskId: params.taskId, recordId: latest.recordId }),
    sentParams(db(), params.taskId, latest.recordId),
  ]);
  const changes = compareParams({
    params: body.params,
    keep: body.keep_secrets ?? [],
    before,
    ledger: sent,
    fingerprint: (v) => fingerprint(v, secret),
  });
  return { latest, latestViaConsole: sent !== null, changes };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
