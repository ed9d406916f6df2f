/** Lookups and refusals shared by the CodeArts handlers. */
import { ID_PATTERN } from "../schemas";
import { DEMO_CODEARTS_PROJECT_ID } from "../demo";
import { ServiceError, paramInvalid } from "./http";
import type { SimApp, SimRecord, SimTask } from "./model";
import type { Ctx } from "./state";

export const ERR = {
  noPermission: (why: string) => new ServiceError(403, "Deploy.00011154", `Insufficient permissions: ${why}`),
  appMissing: () => new ServiceError(404, "Deploy.00011020", "The application does not exist or has been deleted."),
  appMissingIn200: () => ({ error_code: "Deploy.00011021", error_msg: "The application does not exist." }),
  deploying: () => new ServiceError(400, "Deploy.00011027", "The application is being deployed. Try again after the current deployment ends."),
  draft: () => new ServiceError(400, "Deploy.00011042", "A draft application cannot be executed. Complete its configuration first."),
  pipelineOnly: () =>
    new ServiceError(
      400,
      "Deploy.00016004",
      "This deployment task can only be triggered by a pipeline (trigger source restricted); start it from CodeArts Pipeline.",
    ),
  recordMissing: () => new ServiceError(400, "Deploy.00011303", "The deployment record does not exist."),
};

/** A 32-char [0-9a-z] id from the path or query, else 400 DEV.CH.10001. */
export function requireId(value: string | null | undefined, field: string): string {
  if (value === null || value === undefined || value === "") throw paramInvalid(`${field} is required`);
  if (!ID_PATTERN.test(value)) throw paramInvalid(`${field} must be 32 characters of 0-9 and a-z`);
  return value;
}

/** The CodeArts project of a path or body: must be the demo project. */
export function requireProject(projectId: string): void {
  if (projectId !== DEMO_CODEARTS_PROJECT_ID) throw ERR.noPermission(`no access to project ${projectId}`);
}

export function requireTask(ctx: Ctx, taskId: string): { task: SimTask; app: SimApp } {
  const task = ctx.sim.store.task(taskId);
  if (!task) throw ERR.appMissing();
  return { task, app: ctx.sim.store.appOfTask(task) };
}

/** A record that belongs to the task, else 400 Deploy.00011303. */
export function requireRecordOf(ctx: Ctx, taskId: string, recordId: string): SimRecord {
  const record = ctx.sim.store.record(recordId);
  if (!record || record.taskId !== taskId) throw ERR.recordMissing();
  return record;
}

/** An integer query parameter within bounds (required unless a default is given). */
export function intParam(ctx: Ctx, name: string, min: number, max: number, fallback?: number): number {
  const raw = ctx.query.get(name);
  if (raw === null || raw === "") {
    if (fallback !== undefined) return fallback;
    throw paramInvalid(`${name} is required`);
  }
  if (!/^\d{1,9}$/.test(raw)) throw paramInvalid(`${name} must be an integer`);
  const value = Number(raw);
  if (value < min || value > max) throw paramInvalid(`${name} must be between ${min} and ${max}`);
  return value;
}

export function paginate<T>(items: readonly T[], page: number, size: number): T[] {
  return items.slice((page - 1) * size, page * size);
}
