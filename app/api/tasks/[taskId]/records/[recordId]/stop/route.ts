// POST /api/tasks/[taskId]/records/[recordId]/stop – stop a running record
import { recordParamsSchema } from "@/lib/schemas/api";
import { codearts } from "@/lib/server/codearts";
import { route } from "@/lib/server/route";

export const POST = route({ params: recordParamsSchema }, ({ params }) => codearts().stopRecord(params));
