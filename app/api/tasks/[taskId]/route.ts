// GET /api/tasks/[taskId] – task detail with its runtime parameter definitions and what the user may do with it
import { consoleApi } from "@/lib/schemas/api";
import { codearts } from "@/lib/server/codearts";
import { requiresApproval } from "@/lib/server/db/approval-apps";
import { myLastRun } from "@/lib/server/db/my-last-run";
import { taskInFlight } from "@/lib/server/deploy/in-flight";
import { freezeOfTask } from "@/lib/server/deploy/freeze";
import { currentLock } from "@/lib/server/deploy/locks";
import { deployDeps } from "@/lib/server/deploy/wiring";
import { rememberTask } from "@/lib/server/db/task-names";
import { otherMethods } from "@/lib/server/methods";
import { isAdmin } from "@/lib/server/permissions";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/tasks/:taskId"], async ({ params, task, user }) => {
  const deps = deployDeps();
  // inFlight: a deployment started through the console that may still run (or is in doubt) holds the task.
  // mine: this user's last values for the task ("my last run"), prefilled by the start form.
  // lock: a deploy lock that refuses everyone but its owner. approvalRequired: starts go through a request.
  // freeze: the freeze windows in force or coming, whether this user may override them.
  const now = Date.now();
  const [detail, inFlight, mine, lock, freeze, approvalRequired] = await Promise.all([
    codearts().getTask({ taskId: params.taskId }),
    taskInFlight(deps, params.taskId),
    myLastRun(deps.db, user.id, params.taskId).catch(() => null),
    currentLock(deps.db, params.taskId, now, user.id),
    freezeOfTask(deps.db, params.taskId, now, isAdmin(user)),
    requiresApproval(deps.db, params.taskId),
  ]);
  // The app's name for ledger rows, without an upstream call at start time.
  await rememberTask(deps.db, { taskId: params.taskId, appId: detail.appId, name: detail.name }).catch(() => undefined);
  return { ...detail, access: task!.access, inFlight, mine, lock, freeze, approvalRequired };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
