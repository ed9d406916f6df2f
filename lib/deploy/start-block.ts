/**
 * Why a start of this task cannot succeed now (pure, zod-free: the task page and the picker both read it), or null.
 * One order for every page: the user's own right first (they can ask for it), then someone else's deploy lock,
 * then a freeze window in force (unless the user may override it), then what CodeArts is sure to refuse —
 * a disabled app, a draft task (Deploy.00011042), a pipeline-only task (`trigger_source` "1", Deploy.00016004) —
 * then a deployment of the task that may still run.
 */
import type { AppAccess } from "../schemas/access";
import type { FreezeNotice, TaskFreeze } from "../schemas/freeze-windows";
import type { TaskLock } from "../schemas/locks";
import type { InFlight } from "../schemas/tasks";

export type StartBlock = "denied" | "locked" | "frozen" | "disabled" | "draft" | "pipeline_only" | "running" | "in_doubt";

/** The windows in force that refuse a start: all of them, minus those that let rollbacks through when it is one. */
export function refusingWindows<W extends Pick<FreezeNotice, "rollbacksAllowed">>(freeze: { active: readonly W[] }, rollback: boolean): W[] {
  return freeze.active.filter((w) => !(rollback && w.rollbacksAllowed));
}

export function startBlockOf(task: {
  access: Pick<AppAccess, "canDeploy">;
  disabled: boolean;
  draft: boolean;
  triggerSource: "0" | "1" | null;
  inFlight?: Pick<InFlight, "state"> | null;
  lock?: Pick<TaskLock, "mine"> | null;
  freeze?: { active: readonly Pick<FreezeNotice, "rollbacksAllowed">[]; canOverride: TaskFreeze["canOverride"] };
  /** The start is a rollback (freeze windows may let those through). */
  rollback?: boolean;
}): StartBlock | null {
  if (!task.access.canDeploy) return "denied";
  if (task.lock && !task.lock.mine) return "locked";
  if (task.freeze && !task.freeze.canOverride && refusingWindows(task.freeze, task.rollback ?? false).length > 0) return "frozen";
  if (task.disabled) return "disabled";
  if (task.draft) return "draft";
  if (task.triggerSource === "1") return "pipeline_only";
  if (task.inFlight) return task.inFlight.state === "in_doubt" ? "in_doubt" : "running";
  return null;
}
