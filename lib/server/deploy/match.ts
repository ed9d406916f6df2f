import "server-only";
/**
 * Reconciliation logic — pure. Which upstream record, if any, is the deployment an open `requested` row asked
 * for? A record qualifies when it is not already claimed by another ledger row, started around the request
 * (after it, allowing for clock difference between the console and the cloud), by the console's own operator
 * (when known), of the right kind (deploy / rollback), and — checked by the caller — with the requested
 * parameters. No match: wait, and conclude "not started" only once the grace period is over.
 */
import type { RecordParam } from "../../schemas/records";
import type { LedgerParam } from "../../schemas/ledger";
import type { UpstreamRecord } from "../../codearts/records";

export interface PendingStart {
  /** When the requested row was written (ISO). */
  at: string;
  action: "start" | "rollback";
  params: LedgerParam[];
}

export interface MatchWindow {
  /** How far a record may appear to start before the request (clock difference, second-granular times). */
  toleranceMs: number;
  /** How long after the request a record can still be its own, and before "not started" is concluded. */
  graceMs: number;
}

export const DEFAULT_TOLERANCE_MS = 120_000;

/**
 * Records that could be this start's, most plausible (closest in time) first. `claimed` holds the record ids the
 * ledger already attributes to other rows; their operators are the console's own identity at the cloud (the
 * cloud attributes every console start to the credentials' IAM user), used to skip people's own starts.
 */
export function candidates(req: PendingStart, records: readonly UpstreamRecord[], claimed: ReadonlySet<string>, w: MatchWindow): UpstreamRecord[] {
  const at = Date.parse(req.at);
  const operators = new Set(records.filter((r) => claimed.has(r.recordId) && r.operator).map((r) => r.operator as string));
  const kindOk = (type: string | null) => {
    const t = (type ?? "").toLowerCase();
    if (t !== "deploy" && t !== "rollback") return true; // unknown vocabulary: do not filter on it
    return (t === "rollback") === (req.action === "rollback");
  };
  return records
    .filter((r) => !claimed.has(r.recordId))
    .filter((r) => {
      if (!r.startTime) return false;
      const t = Date.parse(r.startTime);
      return t >= at - w.toleranceMs && t <= at + w.graceMs + w.toleranceMs;
    })
    .filter((r) => operators.size === 0 || (r.operator !== null && operators.has(r.operator)))
    .filter((r) => kindOk(r.type))
    .sort((a, b) => Math.abs(Date.parse(a.startTime ?? "") - at) - Math.abs(Date.parse(b.startTime ?? "") - at));
}

/** Whether a record's parameters carry the requested values (secrets are blank upstream and fingerprinted here: skipped). */
export function paramsMatch(requested: readonly LedgerParam[], recorded: readonly RecordParam[]): boolean {
  return requested
    .filter((p) => p.type !== "encrypt")
    .every((p) => {
      const r = recorded.find((x) => x.name === p.key);
      return r !== undefined && !r.secret && String(r.value ?? "") === p.value;
    });
}

export const needsParamCheck = (req: PendingStart) => req.params.some((p) => p.type !== "encrypt");

export type Decision = { kind: "started"; recordId: string } | { kind: "not_started" } | { kind: "wait" };

export function decide(req: PendingStart, matchedRecordId: string | null, now: number, w: MatchWindow): Decision {
  if (matchedRecordId) return { kind: "started", recordId: matchedRecordId };
  return now - Date.parse(req.at) > w.graceMs ? { kind: "not_started" } : { kind: "wait" };
}
