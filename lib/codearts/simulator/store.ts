/** The simulator's mutable state: apps, tasks and deployment records, indexed for the handlers. */
import { randomId } from "./ids";
import type { SimApp, SimRecord, SimTask } from "./model";
import { buildSeed } from "./seed";

export class SimStore {
  readonly apps: SimApp[];
  private readonly appsById = new Map<string, SimApp>();
  private readonly tasksById = new Map<string, SimTask>();
  /** Records per task, oldest first. */
  private readonly recordsByTask = new Map<string, SimRecord[]>();
  private readonly recordsById = new Map<string, SimRecord>();
  /** Every record id ever handed out (seeded or new) so a new one never collides, even across resets. */
  private readonly usedIds: Set<string>;

  constructor(nowMs: number, appCount?: number, usedIds: Set<string> = new Set()) {
    const seed = buildSeed(nowMs, appCount);
    this.apps = seed.apps;
    this.usedIds = usedIds;
    for (const app of seed.apps) {
      this.appsById.set(app.id, app);
      this.tasksById.set(app.task.id, app.task);
      this.recordsByTask.set(app.task.id, []);
    }
    for (const record of seed.records) this.add(record);
  }

  /** Ids handed out so far (kept across a reset). */
  get idRegistry(): Set<string> {
    return this.usedIds;
  }

  app(id: string): SimApp | undefined {
    return this.appsById.get(id);
  }

  task(id: string): SimTask | undefined {
    return this.tasksById.get(id);
  }

  appOfTask(task: SimTask): SimApp {
    const app = this.appsById.get(task.appId);
    if (!app) throw new Error(`task ${task.id} has no app`);
    return app;
  }

  record(id: string): SimRecord | undefined {
    return this.recordsById.get(id);
  }

  /** Records of a task, oldest first. */
  records(taskId: string): readonly SimRecord[] {
    return this.recordsByTask.get(taskId) ?? [];
  }

  latestRecord(taskId: string): SimRecord | undefined {
    const list = this.records(taskId);
    return list[list.length - 1];
  }

  nextReleaseId(taskId: string): number {
    return Math.max(0, ...this.records(taskId).map((r) => r.releaseId)) + 1;
  }

  /** A fresh 32-char [0-9a-z] record id that no record ever had. */
  newRecordId(): string {
    for (;;) {
      const id = randomId();
      if (!this.usedIds.has(id)) return id;
    }
  }

  add(record: SimRecord): void {
    this.usedIds.add(record.id);
    this.recordsById.set(record.id, record);
    const list = this.recordsByTask.get(record.taskId);
    if (list) list.push(record);
    else this.recordsByTask.set(record.taskId, [record]);
  }
}
