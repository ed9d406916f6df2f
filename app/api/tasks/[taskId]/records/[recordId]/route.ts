// GET /api/tasks/[taskId]/records/[recordId] – record state, steps and the task's AOM mapping
import { recordParamsSchema } from "@/lib/schemas/api";
import { codearts } from "@/lib/server/codearts";
import { route } from "@/lib/server/route";

export const GET = route({ permission: "view", params: recordParamsSchema }, ({ params }) => codearts().getRecord(params));
