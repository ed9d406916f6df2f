// GET /api/tasks/[taskId]/records/[recordId]/logs?offset=&final= – one chunk of the log tail
import { consoleApi } from "@/lib/schemas/api";
import { codearts } from "@/lib/server/codearts";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/tasks/:taskId/records/:recordId/logs"], ({ params, query }) =>
  codearts().getLogs({ ...params, offset: query.offset, final: query.final }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
