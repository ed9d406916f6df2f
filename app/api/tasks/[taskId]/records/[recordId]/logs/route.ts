// GET /api/tasks/[taskId]/records/[recordId]/logs?offset= – one chunk of the log tail
import { logsQuerySchema, recordParamsSchema, logChunkSchema } from "@/lib/schemas/records";
import { codearts } from "@/lib/server/codearts";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route({ permission: "view", params: recordParamsSchema, query: logsQuerySchema, response: logChunkSchema }, ({ params, query }) =>
  codearts().getLogs({ ...params, offset: query.offset }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
