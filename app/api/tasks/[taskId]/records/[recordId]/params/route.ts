// GET /api/tasks/[taskId]/records/[recordId]/params – the record's parameters, secrets masked
import { recordParamsSchema } from "@/lib/schemas/records";
import { codearts } from "@/lib/server/codearts";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route({ permission: "view", params: recordParamsSchema }, ({ params }) => codearts().getRecordParams(params));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
