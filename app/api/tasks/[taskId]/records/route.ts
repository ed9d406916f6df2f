// GET /api/tasks/[taskId]/records – deployment history, stitched from ≤ 30-day upstream windows
import { addDays } from "@/lib/codearts/time";
import { recordsQuerySchema, taskParamsSchema } from "@/lib/schemas/api";
import { codearts } from "@/lib/server/codearts";
import { route } from "@/lib/server/route";

export const GET = route({ permission: "view", params: taskParamsSchema, query: recordsQuerySchema }, ({ params, query }) => {
  const deploy = codearts();
  const to = query.to ?? deploy.today();
  const from = query.from ?? addDays(to, -29);
  return deploy.listRecords({ taskId: params.taskId, from, to, page: query.page, size: query.size });
});
