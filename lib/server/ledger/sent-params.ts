import "server-only";
/** What the console sent when it started a record: the requested row's parameters (secrets as fingerprints). */
import type { LedgerParam } from "../../schemas/ledger";
import type { Db } from "../db/schema";

/** null when the console did not start that record (or its ledger rows are unreadable). */
export async function sentParams(db: Db, taskId: string, recordId: string): Promise<LedgerParam[] | null> {
  const row = await db
    .selectFrom("ledger as outcome")
    .innerJoin("ledger as requested", "requested.id", "outcome.correlation")
    .select("requested.params")
    .where("outcome.task_id", "=", taskId)
    .where("outcome.record_id", "=", recordId)
    .where("outcome.phase", "=", "started")
    .executeTakeFirst();
  if (!row?.params) return null;
  try {
    const parsed: unknown = JSON.parse(row.params);
    return Array.isArray(parsed) ? (parsed as LedgerParam[]) : null;
  } catch {
    return null;
  }
}
