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
  /** Every request that matched a route, per operation: faulted, refused by the gateway, or handled. */
  received: Record<string, number>;
  /** Authenticated calls per operation name (e.g. StartDeployTask), whatever the handler answered. */
  counts: Record<string, number>;
  /** Calls the gateway refused (authentication, X-Project-Id), per operation name. */
  refused: Record<string, number>;
  /** Calls answered by a fault rule (before authentication), per operation name. */
  faulted: Record<string, number>;
  starts: StartCall[];
}

const bump = (map: Record<string, number>, key: string) => {
  map[key] = (map[key] ?? 0) + 1;
};

export class CallLog {
  received: Record<string, number> = {};
  counts: Record<string, number> = {};
  refused: Record<string, number> = {};
  faulted: Record<string, number> = {};
  starts: StartCall[] = [];

  receive(operation: string): void {
    bump(this.received, operation);
  }

  count(operation: string): void {
    bump(this.counts, operation);
  }

  countRefused(operation: string): void {
    bump(this.refused, operation);
  }

  countFault(operation: string): void {
    bump(this.faulted, operation);
  }

  clear(): void {
    this.received = {};
    this.counts = {};
    this.refused = {};
    this.faulted = {};
    this.starts = [];
  }

  snapshot(): CallsSnapshot {
    return {
      received: { ...this.received },
      counts: { ...this.counts },
      refused: { ...this.refused },
      faulted: { ...this.faulted },
      starts: this.starts.map((s) => ({ ...s })),
    };
  }
}
