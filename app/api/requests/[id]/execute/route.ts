// POST /api/requests/[id]/execute – start exactly what was approved (once); any other row, target or trigger is 409
import { NextResponse } from "next/server";
import { consoleApi } from "@/lib/schemas/api";
import { callerOf, protectionOf } from "@/lib/server/deploy/approval-caller";
import { executeRequest } from "@/lib/server/deploy/approvals";
import { idempotencyKeyOf } from "@/lib/server/deploy/idempotency";
import { deployDeps } from "@/lib/server/deploy/wiring";
import { otherMethods } from "@/lib/server/methods";
import { isAdmin } from "@/lib/server/permissions";
import { route } from "@/lib/server/route";

export const POST = route(consoleApi["POST /api/requests/:id/execute"], async ({ req, params, body, requestId, user }) => {
  const out = await executeRequest(deployDeps(), callerOf(req, requestId, user), {
    id: params.id,
    body,
    idempotencyKey: idempotencyKeyOf(req.headers),
    protection: protectionOf,
    mayOverrideFreeze: isAdmin(user),
  });
  if (out.kind === "replay") return NextResponse.json(out.body, { status: out.status, headers: { "idempotent-replayed": "true" } });
  return out.result;
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
