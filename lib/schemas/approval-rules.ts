/** Two-person approval: the states and limits, zod-free so the request pages can import them without a schema library. */

/** `expired` is computed: a pending or approved request past its `expiresAt`. */
export const APPROVAL_STATES = ["pending", "approved", "rejected", "executing", "executed", "expired"] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

/** How long a request waits for a decision, and how long an approval stays valid for its one execution. */
export const APPROVAL_TTL_MS = 24 * 3_600_000;

/** What differs between an approved request and an execution of it (409 approval_mismatch). */
export const DIFFERENCE_CHANGES = ["value", "added", "removed", "type"] as const;
