/** apps, tasks show: the picker's rows and one task with its parameters, rights, lock, freeze and running deployment. */
import type { Command } from "commander";
import { EXECUTION_STATES } from "../../lib/schemas/param-rules";
import type { TaskAnswer } from "../../lib/schemas/tasks";
import type { Context } from "../context";
import { usageError } from "../exit-codes";
import { fields, orDash, personOf, table } from "../format";
import { resolveTask } from "../resolve";

const positive = (name: string) => (v: string) => {
  if (!/^\d{1,5}$/.test(v) || Number(v) < 1) throw usageError("invalid_arguments", `${name} takes a whole number from 1 (got "${v}").`);
  return Number(v);
};

/** The task's rights and blockers as label/value rows. */
function taskFacts(t: TaskAnswer): [string, string | null][] {
  const access = t.access.canDeploy
    ? `${t.access.role ?? "—"}: may deploy`
    : `${t.access.role ?? "no role"}: may not deploy (${t.access.denyReason ?? "—"}${t.access.grantors.length > 0 ? `; ask ${t.access.grantors.join(", ")}` : ""})`;
  return [
    ["task", t.taskId],
    ["app", t.appId],
    ["project", t.projectName],
    ["access", access],
    ["protected", t.access.protected ? "yes: deploy with --confirm-name and --reason" : null],
    ["approval", t.approvalRequired ? "required: `codearts-console requests create` first, then `execute`" : null],
    ["trigger", t.triggerSource === "1" ? "pipeline only" : null],
    ["state", t.draft ? "draft (CodeArts refuses to deploy it)" : t.disabled ? "disabled" : null],
    ["lock", t.lock ? `locked by ${personOf(t.lock.by)} until ${t.lock.until}: ${t.lock.reason}${t.lock.mine ? " (yours)" : ""}` : null],
    ["running", t.inFlight ? `record ${orDash(t.inFlight.recordId)} (${t.inFlight.state}) by ${personOf(t.inFlight.by)} since ${t.inFlight.at}` : null],
    ["freeze", t.freeze.active.length > 0 ? t.freeze.active.map((w) => `${w.name} until ${w.until}`).join("; ") : null],
    ["last record", t.lastRecordId],
  ];
}

export function registerApps(program: Command, ctx: Context) {
  program
    .command("apps")
    .description("list the apps you may see (the console's picker)")
    .option("--search <text>", "part of the app name")
    .option("--state <state>", `last run's state: ${EXECUTION_STATES.join(", ")}`)
    .option("--page <n>", "page (50 apps a page)", positive("--page"), 1)
    .option("--json", "print the page as JSON")
    .action((opts: { search?: string; state?: string; page: number; json?: boolean }) =>
      ctx.run(!!opts.json, async () => {
        if (opts.state !== undefined && !(EXECUTION_STATES as readonly string[]).includes(opts.state)) {
          throw usageError("invalid_arguments", `--state is one of ${EXECUTION_STATES.join(", ")}.`);
        }
        const { body } = await ctx.client().call("GET /api/apps", { query: { q: opts.search, state: opts.state, page: opts.page, size: 50 } });
        if (opts.json) return ctx.out.json(body);
        const rows = body.items.map((a) => [
          a.name,
          orDash(a.taskId),
          a.lastState,
          a.releaseId === null ? "—" : `#${a.releaseId}`,
          orDash(a.lastRunAt),
          [a.access.canDeploy ? "deploy" : "view", a.access.protected ? "protected" : "", a.lock ? "locked" : ""].filter(Boolean).join(","),
        ]);
        ctx.out.line(table(["NAME", "TASK ID", "LAST STATE", "RELEASE", "LAST RUN (UTC)", "YOU"], rows));
        const shown = (opts.page - 1) * body.size + body.items.length;
        ctx.out.line(`${body.items.length === 0 ? "No apps." : `${shown} of ${body.total}`}${shown < body.total ? ` — next: --page ${opts.page + 1}` : ""}`);
      }),
    );

  const tasks = program.command("tasks").description("deployment tasks");
  tasks
    .command("show")
    .description("a task: its parameters, your rights, and what would stop a deployment now")
    .argument("<task>", "task id or app name")
    .option("--json", "print GET /api/tasks/:taskId as JSON")
    .action((ref: string, opts: { json?: boolean }) =>
      ctx.run(!!opts.json, async () => {
        const client = ctx.client();
        const { taskId } = await resolveTask(client, ref);
        const { body: t } = await client.call("GET /api/tasks/:taskId", { params: { taskId } });
        if (opts.json) return ctx.out.json(t);
        ctx.out.line(`${t.name}${t.description ? ` — ${t.description}` : ""}`);
        ctx.out.line(fields(taskFacts(t)));
        ctx.out.line("\nParameters (-p KEY=VALUE; secrets: --secret KEY)");
        const rows = t.params.map((p) => [p.name, p.type, p.type === "encrypt" ? "(secret: the stored value is kept)" : orDash(p.value)]);
        ctx.out.line(rows.length > 0 ? table(["KEY", "TYPE", "CURRENT VALUE"], rows) : "  none");
        ctx.out.line("\nSteps");
        for (const [i, s] of t.steps.entries()) ctx.out.line(`  ${i + 1}. ${s.name}${s.enabled ? "" : " (disabled)"}`);
      }),
    );
}
