/**
 * Who may start a task (ShowTaskTrigger): "0" any caller, "1" a pipeline only (CodeArts refuses the console's
 * start with Deploy.00016004); null when the cloud does not say. ListAllApp does not carry it, so the picker reads
 * it for the rows it shows, from a short-lived cache that every task-page read refreshes.
 */
import { remember } from "./bounded-map";
import type { CodeArtsClient } from "./client";
import { CodeArtsError } from "./errors";
import { showTaskTriggerResponseSchema } from "./schemas";

export type TriggerSource = "0" | "1" | null;

/** How long a trigger rule read for the picker is reused (it changes only when someone edits the task). */
const TRIGGER_TTL_MS = 60_000;
const TRIGGER_CACHE_SIZE = 5_000;

/** ShowTaskTrigger, read anew. */
async function readTrigger(client: CodeArtsClient, taskId: string): Promise<TriggerSource> {
  const answer = await client
    .deploy({
      operation: "ShowTaskTrigger",
      method: "GET",
      path: "/v2/task/trigger/detail",
      query: { task_id: taskId },
      schema: showTaskTriggerResponseSchema,
      idempotent: true,
    })
    .catch((err: unknown) => {
      // The trigger rule is informative; a task without one (or an API that lacks it) still deploys.
      if (err instanceof CodeArtsError && err.failure === "http" && err.status < 500) return null;
      throw err;
    });
  const source = answer?.trigger_source;
  return source === "0" || source === "1" ? source : null;
}

export class TriggerRules {
  private readonly known = new Map<string, { at: number; source: TriggerSource }>();

  constructor(
    private readonly client: CodeArtsClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** The task's rule read now (the task page), remembered for the picker. */
  async read(taskId: string): Promise<TriggerSource> {
    const source = await readTrigger(this.client, taskId);
    remember(this.known, taskId, { at: this.now(), source }, TRIGGER_CACHE_SIZE);
    return source;
  }

  /** The rules of a page of tasks: remembered ones while fresh, the rest read together; a failed read says null. */
  async of(taskIds: readonly string[]): Promise<Map<string, TriggerSource>> {
    const out = new Map<string, TriggerSource>();
    const now = this.now();
    const stale: string[] = [];
    for (const id of new Set(taskIds)) {
      const hit = this.known.get(id);
      if (hit && now - hit.at < TRIGGER_TTL_MS) out.set(id, hit.source);
      else stale.push(id);
    }
    await Promise.all(
      stale.map(async (id) => {
        const source = await this.read(id).catch(() => null);
        out.set(id, source);
      }),
    );
    return out;
  }
}
