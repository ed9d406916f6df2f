import "server-only";
/** What the ledger's operations work with, and the waits that follow from the CodeArts timeout. */
import type { Db } from "../db/schema";
import type { LedgerUpstream } from "./upstream";

export interface LedgerDeps {
  db: Db;
  upstream: LedgerUpstream;
  /** Key of the `encrypt` fingerprints and the idempotency request hashes. */
  secret: Buffer | string;
  /** CODEARTS_TIMEOUT_MS: how long one upstream call may take. */
  timeoutMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The longest a live start can take: one StartDeployTask within the timeout, sent at most twice (the one resend
 * after a rejected IAM token), plus database work. Duplicates wait this long for the first answer, and a start
 * still unanswered after it is shown as in doubt (its process is gone or the answer was lost).
 */
export const liveStartMs = (timeoutMs: number) => 2 * timeoutMs + 5_000;

/**
 * How long after `requested` the reconciler waits before it concludes "not started" when the history shows no
 * matching record: the live start is over by then, and the cloud has had time to register a request that
 * reached it late.
 */
export const notStartedGraceMs = (timeoutMs: number) => liveStartMs(timeoutMs) + 5_000;

export const nowOf = (deps: LedgerDeps) => (deps.now ?? Date.now)();
