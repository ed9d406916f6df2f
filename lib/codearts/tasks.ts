/**
 * A task's detail, surviving the retirement of the v2 task APIs. ListDeployTasks and ShowDeployTaskDetail are
 * "no longer maintained after 2024-09-30" (reference §0); the docs point to ListAllApp + ShowAppDetailById, whose
 * `arrange_infos[]` carries the same task (TaskV2Info, `id` = task id). ShowAppDetailById needs the app id, which
 * only ListAllApp knows: we walk its pages for the app whose `arrange_infos` holds the task and keep task → app in
 * memory (one entry per app of one project: small). Once the v2 route is gone we stop asking it.
 */
import { remember } from "./bounded-map";
import type { CodeArtsClient } from "./client";
import { CodeArtsError, isResourceMissing } from "./errors";
import {
  type WireAppExecutionInfo,
  type WireTaskInfo,
  listAllAppResponseSchema,
  showAppDetailResponseSchema,
  showDeployTaskDetailResponseSchema,
} from "./schemas";

/** ListAllApp's largest page. */
const PAGE_SIZE = 100;

/**
 * How long a read of a record may reuse a task's detail. Every record poll needs the task (its name, app id and
 * AOM components); a task's app never changes, and its name or components changing shows up within this time.
 */
export const TASK_INFO_TTL_MS = 30_000;
/** Tasks kept at most (oldest dropped first): bounded memory whatever the number of tasks polled. */
const TASK_INFO_MAX = 500;

/**
 * The route itself is unavailable: 410 Gone, 501, or a 404/405 that is not a resource-missing service code
 * (the gateway's `APIGW.0101` "API does not exist or has not been published", a bare 404, a Deploy.* route code).
 */
function isRouteGone(err: unknown): boolean {
  if (!(err instanceof CodeArtsError) || err.failure !== "http") return false;
  if (err.status === 410 || err.status === 501) return true;
  return (err.status === 404 || err.status === 405) && !isResourceMissing(err);
}

export class TaskLookup {
  /** Set once ShowDeployTaskDetail answered "no such API"; from then on only the v1 app APIs are used. */
  private v2Gone = false;
  private readonly appOfTask = new Map<string, string>();
  private readonly walks = new Map<string, Promise<string | null>>();
  /** Recent task details (insertion order = age) and the reads in flight, so concurrent polls share one call. */
  private readonly recent = new Map<string, { at: number; info: WireTaskInfo }>();
  private readonly inFlight = new Map<string, Promise<WireTaskInfo>>();

  constructor(
    private readonly client: CodeArtsClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether the deprecated v2 task detail has been found unavailable (for health and tests). */
  get usingAppApis(): boolean {
    return this.v2Gone;
  }

  /** Remember which app holds which task, from any ListAllApp page the console reads. */
  remember(apps: readonly WireAppExecutionInfo[]): void {
    for (const app of apps) for (const t of app.arrange_infos ?? []) this.appOfTask.set(t.id, app.id);
  }

  /**
   * The task's detail, read at most TASK_INFO_TTL_MS ago (for record reads and polls), with when it was asked for
   * and whether this call read it (`cached` false). Failures are not kept: the next call asks again.
   */
  recentTaskInfo(taskId: string): Promise<{ info: WireTaskInfo; askedAt: number; cached: boolean }> {
    const hit = this.recent.get(taskId);
    if (hit && this.now() - hit.at < TASK_INFO_TTL_MS) return Promise.resolve({ info: hit.info, askedAt: hit.at, cached: true });
    let pending = this.inFlight.get(taskId);
    if (!pending) {
      pending = this.taskInfo(taskId).finally(() => this.inFlight.delete(taskId));
      this.inFlight.set(taskId, pending);
    }
    const askedAt = this.now();
    return pending.then((info) => ({ info, askedAt, cached: false }));
  }

  /** TaskInfo from ShowDeployTaskDetail, or the same fields from the app detail when that API is gone (always read anew). */
  async taskInfo(taskId: string): Promise<WireTaskInfo> {
    const at = this.now();
    const info = await this.readTaskInfo(taskId);
    remember(this.recent, taskId, { at, info }, TASK_INFO_MAX);
    return info;
  }

  private async readTaskInfo(taskId: string): Promise<WireTaskInfo> {
    if (!this.v2Gone) {
      try {
        return await this.client.deploy({
          operation: "ShowDeployTaskDetail",
          method: "GET",
          path: `/v2/tasks/${taskId}`,
          schema: showDeployTaskDetailResponseSchema,
          idempotent: true,
        });
      } catch (err) {
        if (!isRouteGone(err)) throw err;
        this.v2Gone = true;
      }
    }
    return this.viaApp(taskId);
  }

  private async viaApp(taskId: string): Promise<WireTaskInfo> {
    const cached = this.appOfTask.get(taskId);
    if (cached) {
      const found = await this.fromAppDetail(cached, taskId).catch((err: unknown) => {
        if (isResourceMissing(err)) return null;
        throw err;
      });
      if (found) return found;
      this.appOfTask.delete(taskId); // the app was deleted or the task moved: look again
    }
    const appId = await this.findApp(taskId);
    const found = appId ? await this.fromAppDetail(appId, taskId) : null;
    if (!found) {
      throw new CodeArtsError(
        "http",
        "ListAllApp",
        404,
        "Deploy.00011020",
        `no application of project ${this.client.config.codeartsProjectId} holds task ${taskId}`,
        null,
      );
    }
    return found;
  }

  private async fromAppDetail(appId: string, taskId: string): Promise<WireTaskInfo | null> {
    const detail = await this.client.deploy({
      operation: "ShowAppDetailById",
      method: "GET",
      path: `/v1/applications/${appId}/info`,
      schema: showAppDetailResponseSchema,
      idempotent: true,
    });
    const info = detail.result.arrange_infos?.find((t) => t.id === taskId);
    if (!info) return null;
    return {
      ...info,
      task_id: info.id,
      app_id: info.app_id ?? appId,
      project_name: info.project_name ?? detail.result.project_name,
      is_disable: info.is_disable ?? detail.result.is_disable,
    };
  }

  /** The app whose arrange_infos holds the task, walking ListAllApp 100 at a time (one walk per task at once). */
  private findApp(taskId: string): Promise<string | null> {
    let walk = this.walks.get(taskId);
    if (!walk) {
      walk = this.walk(taskId).finally(() => this.walks.delete(taskId));
      this.walks.set(taskId, walk);
    }
    return walk;
  }

  private async walk(taskId: string): Promise<string | null> {
    for (let page = 1; ; page++) {
      const answer = await this.client.deploy({
        operation: "ListAllApp",
        method: "POST",
        path: "/v1/applications/list",
        body: { project_id: this.client.config.codeartsProjectId, page, size: PAGE_SIZE },
        schema: listAllAppResponseSchema,
        idempotent: true, // a read, although a POST
      });
      this.remember(answer.result);
      const hit = this.appOfTask.get(taskId);
      if (hit) return hit;
      if (answer.result.length === 0 || page * PAGE_SIZE >= answer.total_num) return null;
    }
  }
}
