/** lock, unlock: take a task out of everyone else's hands for a while, and give it back. */
import type { Command } from "commander";
import { lockBodySchema } from "../../lib/schemas/locks";
import { LOCK_MINUTES } from "../../lib/schemas/lock-rules";
import type { Context } from "../context";
import { usageError } from "../exit-codes";
import { checkBody } from "../params";
import { resolveTask } from "../resolve";

/**
 * `--until`: a duration (`90m`, `2h`, `1d`, `1h30m`) or an ISO-8601 instant (`2026-12-08T17:00:00Z`), as whole minutes
 * from now (an instant rounds up: the lock holds at least until then).
 */
export function minutesUntil(value: string, nowMs: number): number {
  const d = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/i.exec(value.trim());
  if (d && (d[1] ?? d[2] ?? d[3]) !== undefined) return Number(d[1] ?? 0) * 1440 + Number(d[2] ?? 0) * 60 + Number(d[3] ?? 0);
  const at = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(at))
    throw usageError("invalid_arguments", `--until takes a duration like 90m, 2h or 1d, or an ISO-8601 time like 2026-12-08T17:00:00Z (got "${value}").`);
  if (at <= nowMs) throw usageError("invalid_arguments", `--until ${value} is in the past.`);
  return Math.ceil((at - nowMs) / 60_000);
}

export function registerLocks(program: Command, ctx: Context) {
  program
    .command("lock")
    .description("lock a task: nobody else may deploy it until it is unlocked or the lock runs out")
    .argument("<task>", "task id or app name")
    .requiredOption("--reason <text>", "why (shown to everyone who is refused)")
    .option("--until <when>", `how long: a duration (90m, 2h, 1d) or an ISO-8601 time; ${LOCK_MINUTES.min} minutes to 7 days (default 2h)`)
    .option("--note <text>", "more detail for the others")
    .option("--json", "print the lock as JSON")
    .action((ref: string, opts: { reason: string; until?: string; note?: string; json?: boolean }) =>
      ctx.run(!!opts.json, async () => {
        const minutes = opts.until === undefined ? undefined : minutesUntil(opts.until, ctx.io.now());
        const body = checkBody(
          lockBodySchema,
          { reason: opts.reason, ...(minutes !== undefined ? { minutes } : {}), ...(opts.note !== undefined ? { note: opts.note } : {}) },
          "lock",
        );
        const client = ctx.client();
        const { taskId, name } = await resolveTask(client, ref);
        const { body: lock } = await client.call("POST /api/tasks/:taskId/lock", { params: { taskId }, body });
        if (opts.json) return ctx.out.json(lock);
        ctx.out.line(`Locked ${name ?? taskId} until ${lock.until}: ${lock.reason}`);
      }),
    );

  program
    .command("unlock")
    .description("remove a task's lock (your own; administrators may break another's with --reason)")
    .argument("<task>", "task id or app name")
    .option("--reason <text>", "why (needed to break someone else's lock)")
    .action((ref: string, opts: { reason?: string }) =>
      ctx.run(false, async () => {
        const client = ctx.client();
        const { taskId, name } = await resolveTask(client, ref);
        await client.call("DELETE /api/tasks/:taskId/lock", { params: { taskId }, query: { reason: opts.reason } });
        ctx.out.line(`Unlocked ${name ?? taskId}.`);
      }),
    );
}
