// GET /api/tasks/[taskId] – task detail with its runtime parameter definitions and what the user may do with it
import type { AppAccess } from "@/lib/schemas/access";
import { taskParamsSchema } from "@/lib/schemas/api";
import type { MyLastRun, TaskDetail } from "@/lib/schemas/deploy";
import type { InFlight } from "@/lib/schemas/ledger";
import { codearts } from "@/lib/server/codearts";
import { myLastRun } from "@/lib/server/db/my-last-run";
import { taskInFlight } from "@/lib/server/ledger/inflight";
import { ledgerDeps } from "@/lib/server/ledger/service";
import { rememberTask } from "@/lib/server/ledger/store";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

type TaskAnswer = TaskDetail & { access: AppAccess; inFlight: InFlight | null; mine: MyLastRun | null };

export const GET = route({ permission: "view", params: taskParamsSchema }, async ({ params, task, user }): Promise<TaskAnswer> => {
  const deps = ledgerDeps();
  // inFlight: a deployment started through the console that may still run (or is in doubt) holds the task.
  // mine: this user's last values for the task ("my last run"), prefilled by the start form.
  const [detail, inFlight, mine] = await Promise.all([
    codearts().getTask({ taskId: params.taskId }),
    taskInFlight(deps, params.taskId),
    myLastRun(deps.db, user.id, params.taskId).catch(() => null),
  ]);
  // The app's name for ledger rows, without an upstream call at start time.
  await rememberTask(deps.db, { taskId: params.taskId, appId: detail.appId, name: detail.name }).catch(() => undefined);
  return { ...detail, access: task!.access, inFlight, mine };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
