// POST /api/requests/[id]/approve – approve a pending request of someone else (deploy right on its app; never one's own)
import { consoleApi } from "@/lib/schemas/api";
import { callerOf } from "@/lib/server/deploy/approval-caller";
import { decideRequest } from "@/lib/server/deploy/approvals";
import { deployDeps } from "@/lib/server/deploy/wiring";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const POST = route(consoleApi["POST /api/requests/:id/approve"], ({ req, params, body, requestId, user }) =>
  decideRequest(deployDeps(), callerOf(req, requestId, user), params.id, "approve", body.comment ?? null),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
