// POST /api/tasks/[taskId]/lock – lock the task (reason, 15 min – 7 days): starts by anyone else are refused (423)
// DELETE /api/tasks/[taskId]/lock – unlock it (the owner), or break someone else's lock (an admin, ?reason=)
import { consoleApi } from "@/lib/schemas/api";
import { lockTask, unlockTask } from "@/lib/server/deploy/locks";
import { actorOf, clientOf } from "@/lib/server/deploy/requester";
import { deployDeps } from "@/lib/server/deploy/wiring";
import { otherMethods } from "@/lib/server/methods";
import { isAdmin } from "@/lib/server/permissions";
import { route } from "@/lib/server/route";

export const POST = route(consoleApi["POST /api/tasks/:taskId/lock"], ({ req, params, body, requestId, user }) =>
  lockTask(deployDeps(), { taskId: params.taskId, body, actor: { ...actorOf(user), id: user.id }, client: clientOf(req.headers, requestId) }),
);

export const DELETE = route(consoleApi["DELETE /api/tasks/:taskId/lock"], async ({ req, params, query, requestId, user }) => {
  await unlockTask(deployDeps(), {
    taskId: params.taskId,
    actor: { ...actorOf(user), id: user.id },
    client: clientOf(req.headers, requestId),
    isAdmin: isAdmin(user),
    reason: query.reason ?? null,
  });
  return null;
});

export const { GET, PUT, PATCH, OPTIONS } = otherMethods({ POST, DELETE });
