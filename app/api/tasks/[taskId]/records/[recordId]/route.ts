// GET /api/tasks/[taskId]/records/[recordId] – record state, steps, the task's AOM mapping and the release #
import { consoleApi } from "@/lib/schemas/api";
import { codearts } from "@/lib/server/codearts";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/tasks/:taskId/records/:recordId"], async ({ params }) => {
  const deploy = codearts();
  // The release # (what people call a deployment) is only in the history; usually known from a page already read.
  // Presentation only: without it the page shows the short record id.
  const [record, releases] = await Promise.all([
    deploy.getRecord(params),
    deploy.releaseIdsOf({ taskId: params.taskId, recordIds: [params.recordId] }).catch(() => new Map<string, number>()),
  ]);
  return { ...record, releaseId: releases.get(params.recordId) ?? null };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
