import "server-only";
/**
 * Release numbers for the audit's rows: the ledger keeps record ids only (the start answer has no release #), and
 * people speak of deployments as "#12". Looked up in the task histories (the release cache first, then at most
 * one page per history window), for a bounded number of tasks per page; presentation only — a row whose number
 * cannot be found shows the short id, and a failed lookup changes nothing else.
 */
import type { CodeArtsDeploy } from "../codearts/deploy";
import type { LedgerEntry } from "../schemas/ledger";
import { log } from "./log";

/** Tasks looked up per answer (each lookup is at most one history page per ≤ 30-day window). */
const MAX_TASKS = 20;

type WithReleases<T> = T & { releaseId: number | null; targetReleaseId: number | null };

export async function withReleases<T extends Pick<LedgerEntry, "taskId" | "recordId" | "targetRecordId">>(
  deploy: Pick<CodeArtsDeploy, "releaseIdsOf">,
  items: readonly T[],
  requestId: string | null,
): Promise<WithReleases<T>[]> {
  const byTask = new Map<string, Set<string>>();
  for (const e of items) {
    if (!e.taskId) continue;
    for (const id of [e.recordId, e.targetRecordId]) {
      if (!id) continue;
      const ids = byTask.get(e.taskId) ?? new Set<string>();
      ids.add(id);
      byTask.set(e.taskId, ids);
    }
  }
  const found = new Map<string, number>();
  await Promise.all(
    [...byTask].slice(0, MAX_TASKS).map(async ([taskId, ids]) => {
      try {
        for (const [id, release] of await deploy.releaseIdsOf({ taskId, recordIds: [...ids] })) found.set(id, release);
      } catch (err) {
        log.warn("audit: release # unavailable", { requestId, taskId, detail: String(err) });
      }
    }),
  );
  return items.map((e) => ({
    ...e,
    releaseId: e.recordId ? (found.get(e.recordId) ?? null) : null,
    targetReleaseId: e.targetRecordId ? (found.get(e.targetRecordId) ?? null) : null,
  }));
}
