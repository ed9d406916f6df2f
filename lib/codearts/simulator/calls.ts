/** What reached the simulator, for tests and the admin API (GET /__sim/calls). */

export interface StartCall {
  taskId: string;
  /** The request body as JSON when it parsed, else the raw text. */
  body: unknown;
  /** Id of the record created; absent when the start was refused. */
  recordId?: string;
  /** HTTP status the simulator answered. */
  status: number;
  /** Simulator clock (epoch ms) when the call was handled. */
  at: number;
}

export interface CallsSnapshot {
  /** Authenticated calls per operation name (e.g. StartDeployTask), whatever the handler answered. */
  counts: Record<string, number>;
  /** Calls answered by a fault rule (before authentication), per operation name. */
  faulted: Record<string, number>;
  starts: StartCall[];
}

export class CallLog {
  counts: Record<string, number> = {};
  faulted: Record<string, number> = {};
  starts: StartCall[] = [];

  count(operation: string): void {
    this.counts[operation] = (this.counts[operation] ?? 0) + 1;
  }

  countFault(operation: string): void {
    this.faulted[operation] = (this.faulted[operation] ?? 0) + 1;
  }

  clear(): void {
    this.counts = {};
    this.faulted = {};
    this.starts = [];
  }

  snapshot(): CallsSnapshot {
    return { counts: { ...this.counts }, faulted: { ...this.faulted }, starts: this.starts.map((s) => ({ ...s })) };
  }
}
