/**
 * Deploy locks (isomorphic contract): POST and DELETE /api/tasks/{taskId}/lock. A deployer takes a task out of
 * everyone else's hands for a while — "I am migrating the database, do not deploy" — with a reason and an
 * expiry; the lock itself is carried by GET /api/tasks/{taskId}, the picker rows and the 423 refusals.
 */
import { z } from "zod";
import { textSchema } from "./common";
import { LOCK_MINUTES } from "./lock-rules";

export const lockBodySchema = z
  .object({
    reason: textSchema().trim().min(1, "say why the task is locked").max(500),
    /** How long the lock holds, from now: 15 minutes to 7 days (default 2 hours). */
    minutes: z
      .number()
      .int("must be a whole number of minutes")
      .min(LOCK_MINUTES.min, `must be at least ${LOCK_MINUTES.min} minutes`)
      .max(LOCK_MINUTES.max, `must be at most 7 days (${LOCK_MINUTES.max} minutes)`)
      .default(LOCK_MINUTES.default),
    note: textSchema().trim().max(2000).optional(),
  })
  .strict();
export type LockBody = z.infer<typeof lockBodySchema>;

/** DELETE …/lock: an admin breaking someone else's lock says why (`?reason=`); the owner needs none. */
export const unlockQuerySchema = z.object({ reason: textSchema().trim().min(1).max(500).optional() }).strict();

export const taskLockSchema = z.object({
  by: z.object({ id: z.string().nullable(), name: z.string().nullable(), email: z.string().nullable() }),
  reason: z.string(),
  note: z.string().nullable(),
  /** ISO-8601 UTC. An expired lock is no lock: answers never carry one. */
  since: z.string(),
  until: z.string(),
  /** The signed-in user holds it (they may still deploy, and unlock). */
  mine: z.boolean(),
});
export type TaskLock = z.infer<typeof taskLockSchema>;
