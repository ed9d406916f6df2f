// GET /api/tasks/[taskId]/records/[recordId]/ledger – the ledger rows of one record (its start, outcome and stops)
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { recordLedger } from "@/lib/server/ledger/query";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/tasks/:taskId/records/:recordId/ledger"], async ({ params }) => {
  return { items: await recordLedger(db(), params.taskId, params.recordId) };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
