// GET /api/tasks/[taskId]/records/[recordId]/params – the record's parameters, secrets masked
import { consoleApi } from "@/lib/schemas/api";
import { codearts } from "@/lib/server/codearts";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/tasks/:taskId/records/:recordId/params"], ({ params }) => codearts().getRecordParams(params));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
