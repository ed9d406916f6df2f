/**
 * What deploy, execute and `requests create` share: the parameter options, the rows of a start (task or rollback
 * target, -p, --secret), the Idempotency-Key, and what happens after the console accepted a start (the record's
 * link, --wait with live progress, the --json document, the exit code).
 */
import { randomUUID } from "node:crypto";
import type { Command } from "commander";
import { IDEMPOTENCY_KEY_PATTERN } from "../../lib/schemas/common";
import type { RecordDetail } from "../../lib/schemas/records";
import type { StartResult } from "../../lib/schemas/deploy";
import type { TaskAnswer } from "../../lib/schemas/tasks";
import type { Context } from "../context";
import { EXIT, type ExitCode, usageError } from "../exit-codes";
import type { Answer, ConsoleClient } from "../http";
import { type Assignment, baseRows, checkParamArgs, mergeParams, parseAssignment } from "../params";
import { ProgressView, formatElapsed, currentStep, elapsedOf } from "../progress";
import { resolveRecord } from "../resolve";
import { readSecrets } from "../secrets";
import { waitForRecord } from "../watch";

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export interface ParamOptions {
  param?: string[];
  secret?: string[];
  rollbackTo?: string;
}

export interface WaitFlags {
  wait?: boolean;
  timeout?: number;
  json?: boolean;
}

export const addParamOptions = (cmd: Command) =>
  cmd
    .option("-p, --param <KEY=VALUE>", "set a parameter (repeatable); the others keep the task's current values", collect)
    .option(
      "--secret <KEY>",
      "send a new value for an encrypt parameter (repeatable): prompted on a terminal, else $CODEARTS_SECRET_<KEY> or a line of stdin",
      collect,
    )
    .option("--rollback-to <record>", "roll back to a record: its id, or its release number as #12 (needs --reason)");

const seconds = (v: string) => {
  if (!/^\d{1,7}$/.test(v) || Number(v) < 1) throw usageError("invalid_arguments", `--timeout takes a number of seconds (got "${v}").`);
  return Number(v);
};

export const addWaitOptions = (cmd: Command, what: string) =>
  cmd
    .option("--wait", `wait until the ${what} has finished, showing its progress (exit 1 unless it succeeded)`)
    .option("--timeout <seconds>", "with --wait: give up waiting after this long (exit 1)", seconds)
    .option("--idempotency-key <key>", "the key this start is sent with (default: a new UUID); the same key never deploys twice within 24 h")
    .option("--json", "print one JSON document: the start (and with --wait the finished record), or the error");

/** The Idempotency-Key of one start: given (a CI job may pass its run id, so a re-run does not deploy again) or new. */
export function idempotencyKeyOf(given: string | undefined): string {
  if (given === undefined) return randomUUID();
  if (!IDEMPOTENCY_KEY_PATTERN.test(given)) throw usageError("invalid_arguments", "--idempotency-key is 8–128 letters, digits, '.', '_', ':' or '-'.");
  return given;
}

export interface StartRows {
  task: TaskAnswer;
  /** The rollback target. */
  recordId: string | undefined;
  params: ReturnType<typeof mergeParams>["params"];
  keep_secrets?: string[];
}

/** `-p` parsed before anything is asked of the console: a malformed one is a usage error straight away. */
export const assignmentsOf = (opts: ParamOptions): Assignment[] => (opts.param ?? []).map(parseAssignment);

/** The task (and rollback target), checked arguments, then the secrets asked for, then the merged rows. */
export async function startRows(ctx: Context, client: ConsoleClient, taskId: string, opts: ParamOptions, assignments: Assignment[]): Promise<StartRows> {
  const { body: task } = await client.call("GET /api/tasks/:taskId", { params: { taskId } });
  let recordId: string | undefined;
  let record = null;
  if (opts.rollbackTo !== undefined) {
    recordId = await resolveRecord(client, taskId, opts.rollbackTo, ctx.io.now());
    record = (await client.call("GET /api/tasks/:taskId/records/:recordId/params", { params: { taskId, recordId } })).body;
  }
  const rows = baseRows(task.params, record);
  checkParamArgs(rows, assignments, opts.secret ?? []);
  const secrets = await readSecrets(ctx.io, opts.secret ?? [], (s) => ctx.out.hide(s));
  return { task, recordId, ...mergeParams(rows, assignments, secrets) };
}

/** How a finished record ended, in one sentence. */
export function outcomeLine(record: RecordDetail, nowMs: number): string {
  const took = formatElapsed(elapsedOf(record, nowMs, nowMs));
  const step = currentStep(record.steps)?.step;
  switch (record.state) {
    case "succeeded":
      return `Record ${record.recordId} succeeded in ${took}.`;
    case "abort":
      return `Record ${record.recordId} was stopped after ${took}${step ? ` (at step ${step.name})` : ""}.`;
    case "timeout":
      return `Record ${record.recordId} timed out after ${took}${step ? ` (at step ${step.name})` : ""}.`;
    case "failed": {
      const failed = record.steps.find((s) => s.state === "failed") ?? step;
      return `Record ${record.recordId} failed after ${took}${failed ? ` at step ${failed.name}` : ""}.${failed?.faqUrl ? `\n  FAQ: ${failed.faqUrl}` : ""}`;
    }
    default:
      return `Record ${record.recordId} ended ${record.state} after ${took}.`;
  }
}

/** After the console accepted a start (deploy, execute): the link, the wait, the document and the exit code. */
export async function afterStart(
  ctx: Context,
  client: ConsoleClient,
  start: { answer: Answer<StartResult>; appName: string; verb: string },
  flags: WaitFlags,
): Promise<ExitCode> {
  const json = !!flags.json;
  const { body, replayed } = start.answer;
  const taskId = body.task_id;
  const recordId = body.id;
  const link = ctx.link(`/tasks/${taskId}/records/${recordId}`);
  // With --json, stdout carries the document only: the sentences go to stderr.
  const say = (text: string) => (json ? ctx.out.err(`${text}\n`) : ctx.out.line(text));
  const verb = start.verb.charAt(0).toUpperCase() + start.verb.slice(1);
  say(
    `${verb} ${start.appName}: record ${recordId}${replayed ? " (the console replayed this Idempotency-Key's first answer: nothing was started twice)" : ""}`,
  );
  say(`  ${link}`);
  let record: RecordDetail | null = null;
  if (flags.wait) {
    const view = new ProgressView(ctx.out.progressStream(json), ctx.io.now);
    record = await waitForRecord(client, ctx.io, taskId, recordId, { view, timeoutMs: flags.timeout === undefined ? null : flags.timeout * 1000 });
    say(outcomeLine(record, ctx.io.now()));
  }
  if (json) ctx.out.json({ taskId, recordId, jobName: body.job_name, link, replayed, start: body, record });
  return record && record.state !== "succeeded" ? EXIT.deploymentFailed : EXIT.ok;
}
