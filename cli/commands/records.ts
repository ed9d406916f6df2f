/** status, logs, stop: one record of a task (by id or release number). */
import type { Command } from "commander";
import type { RecordDetail } from "../../lib/schemas/records";
import type { Context } from "../context";
import { EXIT } from "../exit-codes";
import { fields, orDash, personOf, table } from "../format";
import { ProgressView, elapsedOf, formatElapsed } from "../progress";
import { resolveRecord, resolveTask } from "../resolve";
import { streamLog, waitForRecord } from "../watch";
import { outcomeLine } from "./start";

/** The record as `status` prints it: its facts, then its steps. */
function recordText(r: RecordDetail, nowMs: number): string {
  const facts = fields([
    ["record", `${r.recordId}${r.releaseId ? `  #${r.releaseId}` : ""}`],
    ["task", `${r.taskName ?? "—"} (${r.taskId})`],
    ["state", `${r.state}${r.finished ? "" : " (not finished)"}`],
    ["started", `${orDash(r.startTime)}${r.startedBy ? ` by ${personOf(r.startedBy)}` : r.executor ? ` by ${r.executor}` : ""}`],
    ["ended", r.endTime],
    ["elapsed", formatElapsed(elapsedOf(r, nowMs, nowMs))],
    ["job", r.jobName],
    ["rollback", r.rollbackOf ? `to ${r.rollbackOf.releaseId ? `#${r.rollbackOf.releaseId}` : r.rollbackOf.recordId}` : null],
    ["reason", r.reason],
  ]);
  const steps = r.steps.map((s, i) => [
    String(i + 1),
    s.name,
    s.enabled ? s.state : "disabled",
    s.elapsedMs === null ? "" : formatElapsed(s.elapsedMs),
    s.faqUrl ?? "",
  ]);
  return `${facts}\n\n${table(["#", "STEP", "STATE", "TIME", "FAQ"], steps)}`;
}

const recordArgs = (cmd: Command) => cmd.argument("<task>", "task id or app name").argument("<record>", "record id, or release number as #12");

export function registerRecords(program: Command, ctx: Context) {
  const target = async (taskRef: string, recordRef: string) => {
    const client = ctx.client();
    const { taskId } = await resolveTask(client, taskRef);
    return { client, taskId, recordId: await resolveRecord(client, taskId, recordRef, ctx.io.now()) };
  };

  recordArgs(program.command("status").description("a record's state and steps"))
    .option("--watch", "follow the record until it has finished, showing its progress (exit 1 unless it succeeded)")
    .option("--json", "print the record as JSON (with --watch: once finished)")
    .action((taskRef: string, recordRef: string, opts: { watch?: boolean; json?: boolean }) =>
      ctx.run(!!opts.json, async () => {
        const { client, taskId, recordId } = await target(taskRef, recordRef);
        if (!opts.watch) {
          const { body } = await client.call("GET /api/tasks/:taskId/records/:recordId", { params: { taskId, recordId } });
          if (opts.json) ctx.out.json(body);
          else ctx.out.line(recordText(body, ctx.io.now()));
          return;
        }
        const view = new ProgressView(ctx.out.progressStream(!!opts.json), ctx.io.now);
        const record = await waitForRecord(client, ctx.io, taskId, recordId, { view, timeoutMs: null });
        if (opts.json) ctx.out.json(record);
        else ctx.out.line(outcomeLine(record, ctx.io.now()));
        return record.state === "succeeded" ? EXIT.ok : EXIT.deploymentFailed;
      }),
    );

  recordArgs(program.command("logs").description("a record's log"))
    .option("-f, --follow", "keep reading until the record has finished")
    .action((taskRef: string, recordRef: string, opts: { follow?: boolean }) =>
      ctx.run(false, async () => {
        const { client, taskId, recordId } = await target(taskRef, recordRef);
        await streamLog(client, ctx.io, taskId, recordId, (t) => ctx.out.out(t), { follow: !!opts.follow });
      }),
    );

  recordArgs(program.command("stop").description("stop a running record"))
    .option("--json", "print the console's answer as JSON")
    .action((taskRef: string, recordRef: string, opts: { json?: boolean }) =>
      ctx.run(!!opts.json, async () => {
        const { client, taskId, recordId } = await target(taskRef, recordRef);
        const { body } = await client.call("POST /api/tasks/:taskId/records/:recordId/stop", { params: { taskId, recordId } });
        if (opts.json) return ctx.out.json(body);
        ctx.out.line(`Stop requested for record ${recordId}: follow it with \`codearts-console status ${taskId} ${recordId} --watch\`.`);
      }),
    );
}
