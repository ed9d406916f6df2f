/** Deploy lock limits, zod-free so the lock controls can import them without a schema library. */
export const LOCK_MINUTES = { min: 15, max: 7 * 24 * 60, default: 120 } as const;
