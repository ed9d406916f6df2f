/**
 * Release numbers of records (rollback targets named by the ledger, which keeps ids only): a bounded cache fed by
 * every history page read, and a lookup through the retention for the ones not seen yet.
 */
import { remember } from "./bounded-map";
import type { CodeArtsClient } from "./client";
import { historyPage, retentionWindows } from "./records";

/** Cache size, rows per window read, how long a miss is remembered. */
const RELEASE_CACHE_SIZE = 20_000;
const RELEASE_LOOKUP_SIZE = 100;
const RELEASE_MISS_TTL_MS = 5 * 60_000;

export class ReleaseIds {
  /** recordId → release # (record ids are unique across tasks). */
  private readonly known = new Map<string, number>();
  /** recordId → until when a lookup that did not find it is not repeated. */
  private readonly misses = new Map<string, number>();

  /** Learn from history rows (oldest insertions are dropped first past RELEASE_CACHE_SIZE). */
  remember(rows: readonly { execution_id: string; release_id?: number | null }[]): void {
    for (const r of rows) {
      if (r.release_id === undefined || r.release_id === null) continue;
      remember(this.known, r.execution_id, r.release_id, RELEASE_CACHE_SIZE);
      this.misses.delete(r.execution_id);
    }
  }

  /**
   * Release # of records of a task. Known ones come from the history pages already read; the rest from at most one
   * page of RELEASE_LOOKUP_SIZE rows per ≤ 30-day window of the retention, newest window first, stopping once all
   * are found (≤ 4 calls). Ids not found (older than the retention, or deep in a busy window) are not looked up
   * again for RELEASE_MISS_TTL_MS.
   */
  async of(client: CodeArtsClient, input: { taskId: string; recordIds: readonly string[] }): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const now = Date.now();
    const missing = new Set<string>();
    for (const id of input.recordIds) {
      const known = this.known.get(id);
      if (known !== undefined) out.set(id, known);
      else if ((this.misses.get(id) ?? 0) <= now) missing.add(id);
    }
    if (missing.size === 0) return out;
    for (const w of retentionWindows(client)) {
      const page = await historyPage(client, { taskId: input.taskId, start: w.start, end: w.end, page: 1, size: RELEASE_LOOKUP_SIZE });
      this.remember(page.result);
      for (const r of page.result) {
        if (missing.delete(r.execution_id) && r.release_id !== undefined && r.release_id !== null) out.set(r.execution_id, r.release_id);
      }
      if (missing.size === 0) break;
    }
    for (const id of missing) this.misses.set(id, now + RELEASE_MISS_TTL_MS);
    if (this.misses.size > RELEASE_CACHE_SIZE) this.misses.clear();
    return out;
  }
}
