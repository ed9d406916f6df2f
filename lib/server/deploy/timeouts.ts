/** The waits that follow from the CodeArts timeout (pure). */

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
