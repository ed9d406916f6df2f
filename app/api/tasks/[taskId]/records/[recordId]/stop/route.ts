// POST /api/tasks/[taskId]/records/[recordId]/stop – stop a running record (deployer on the task)
import { consoleApi } from "@/lib/schemas/api";
import { deniedAttempt } from "@/lib/server/deploy/refusals";
import { actorOf, clientOf } from "@/lib/server/deploy/requester";
import { stopDeployment } from "@/lib/server/deploy/stop";
import { deployDeps } from "@/lib/server/deploy/wiring";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const POST = route(
  { ...consoleApi["POST /api/tasks/:taskId/records/:recordId/stop"], onRefusal: deniedAttempt("stop") },
  async ({ req, params, user, requestId }) => stopDeployment(deployDeps(), { ...params, actor: actorOf(user), client: clientOf(req.headers, requestId) }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
