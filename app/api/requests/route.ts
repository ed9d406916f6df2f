// GET /api/requests – approval requests of the apps the user may see (?toApprove=1: theirs to decide; ?mine=1; ?state=)
import { consoleApi } from "@/lib/schemas/api";
import { callerOf } from "@/lib/server/deploy/approval-caller";
import { listRequests } from "@/lib/server/deploy/approvals";
import { deployDeps } from "@/lib/server/deploy/wiring";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/requests"], async ({ req, query, requestId, user }) => ({
  items: await listRequests(deployDeps(), callerOf(req, requestId, user), query),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
