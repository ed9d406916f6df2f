// GET /api/tasks/[taskId] – task detail with its runtime parameter definitions
import { taskParamsSchema } from "@/lib/schemas/api";
import { codearts } from "@/lib/server/codearts";
import { route } from "@/lib/server/route";

export const GET = route({ params: taskParamsSchema }, ({ params }) => codearts().getTask({ taskId: params.taskId }));
