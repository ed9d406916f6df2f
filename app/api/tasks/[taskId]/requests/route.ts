// POST /api/tasks/[taskId]/requests – submit a start for a second person's approval (202 with the request and its fingerprint)
import { consoleApi } from "@/lib/schemas/api";
import { callerOf } from "@/lib/server/deploy/approval-caller";
import { createRequest } from "@/lib/server/deploy/approvals";
import { deployDeps } from "@/lib/server/deploy/wiring";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const POST = route(consoleApi["POST /api/tasks/:taskId/requests"], ({ req, params, body, requestId, user }) =>
  createRequest(deployDeps(), callerOf(req, requestId, user), params.taskId, body),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
