// POST /api/tasks/[taskId]/start – start a deployment (or a rollback with record_id); never retried upstream
import { NextResponse } from "next/server";
import { consoleApi } from "@/lib/schemas/api";
import { idempotencyKeyOf } from "@/lib/server/deploy/idempotency";
import { deniedAttempt } from "@/lib/server/deploy/refusals";
import { actorOf, clientOf } from "@/lib/server/deploy/requester";
import { startDeployment } from "@/lib/server/deploy/start";
import { deployDeps } from "@/lib/server/deploy/wiring";
import { otherMethods } from "@/lib/server/methods";
import { isAdmin } from "@/lib/server/permissions";
import { route } from "@/lib/server/route";

export const POST = route(
  { ...consoleApi["POST /api/tasks/:taskId/start"], onRefusal: deniedAttempt("start") },
  async ({ req, params, body, requestId, user, task }) => {
    const out = await startDeployment(deployDeps(), {
      taskId: params.taskId,
      body,
      actor: { ...actorOf(user), id: user.id },
      client: clientOf(req.headers, requestId),
      idempotencyKey: idempotencyKeyOf(req.headers),
      protection: task?.protected ?? null,
      mayOverrideFreeze: isAdmin(user),
    });
    if (out.kind === "replay") return NextResponse.json(out.body, { status: out.status, headers: { "idempotent-replayed": "true" } });
    return out.result;
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
