// GET /api/requests/[id] – one approval request, its state and what the user may do with it
import { consoleApi } from "@/lib/schemas/api";
import { callerOf } from "@/lib/server/deploy/approval-caller";
import { getRequest } from "@/lib/server/deploy/approvals";
import { deployDeps } from "@/lib/server/deploy/wiring";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/requests/:id"], ({ req, params, requestId, user }) =>
  getRequest(deployDeps(), callerOf(req, requestId, user), params.id),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
