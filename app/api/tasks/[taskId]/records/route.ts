// GET /api/tasks/[taskId]/records – deployment history, stitched from ≤ 30-day upstream windows, each row with
// what the console's ledger knows (the start's reason, "rollback of #N")
import { addDays } from "@/lib/codearts/time";
import { targetsToResolve, withLedgerFacts } from "@/lib/codearts/history";
import { consoleApi } from "@/lib/schemas/api";
import { RETENTION_DAYS } from "@/lib/schemas/param-rules";
import { codearts } from "@/lib/server/codearts";
import { db } from "@/lib/server/db";
import { type RecordOrigin, recordOrigins } from "@/lib/server/ledger/origins";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/tasks/:taskId/records"], async ({ params, query, requestId }) => {
  const deploy = codearts();
  // Without `to`, up to the cloud's today (its clock may be a day ahead of the caller's); a `from` alone is
  // clamped to the retention, which is all the cloud keeps anyway.
  const to = query.to ?? deploy.today();
  const oldest = addDays(to, -(RETENTION_DAYS - 1));
  const from = query.from === undefined ? addDays(to, -29) : query.to === undefined && query.from < oldest ? oldest : query.from;
  const page = await deploy.listRecords({ taskId: params.taskId, from, to, page: query.page, size: query.size });
  // One ledger query for the whole page. The history is the cloud's; should the ledger be unreadable, the rows
  // still answer, without the console's annotations.
  const origins = await recordOrigins(
    db(),
    params.taskId,
    page.items.map((r) => r.recordId),
  ).catch((err: unknown) => {
    log.warn("history: ledger facts unavailable", { requestId, detail: String(err) });
    return new Map<string, RecordOrigin>();
  });
  const targets = targetsToResolve(page.items, origins);
  // The target's release # is presentation only: without it the UI shows the short record id.
  const releases =
    targets.length === 0
      ? new Map<string, number>()
      : await deploy.releaseIdsOf({ taskId: params.taskId, recordIds: targets }).catch((err: unknown) => {
          log.warn("history: release # of rollback targets unavailable", { requestId, detail: String(err) });
          return new Map<string, number>();
        });
  return { ...page, items: withLedgerFacts(page.items, origins, releases) };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
