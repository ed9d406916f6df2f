// GET /api/tasks/[taskId]/records/[recordId] – record state and steps, with the ledger's facts (who, why, job),
// the release # and the AOM mapping the record produced (lib/server/record-detail.ts)
import { consoleApi } from "@/lib/schemas/api";
import { codearts } from "@/lib/server/codearts";
import { db } from "@/lib/server/db";
import { otherMethods } from "@/lib/server/methods";
import { recordDetail } from "@/lib/server/record-detail";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/tasks/:taskId/records/:recordId"], ({ params, requestId }) =>
  recordDetail(codearts(), db(), params, { requestId }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
