// GET /api/tasks/[taskId]/records/[recordId]/params – the record's parameters, secrets masked
import { z } from "zod";
import { recordParamsSchema, recordParamSchema } from "@/lib/schemas/records";
import { codearts } from "@/lib/server/codearts";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route({ permission: "view", params: recordParamsSchema, response: z.array(recordParamSchema) }, ({ params }) =>
  codearts().getRecordParams(params),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
