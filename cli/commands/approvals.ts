/**
 * Two-person approval: `requests` (list, create), approve, reject. Executing an approved request is `execute`
 * (commands/deploy.ts), a start like `deploy`.
 */
import type { Command } from "commander";
import { APPROVAL_STATES } from "../../lib/schemas/approval-rules";
import { approvalRequestBodySchema, type ApprovalRequest } from "../../lib/schemas/approvals";
import type { Context } from "../context";
import { usageError } from "../exit-codes";
import { fields, orDash, personOf, table } from "../format";
import { checkBody } from "../params";
import { resolveTask } from "../resolve";
import { type ParamOptions, addParamOptions, assignmentsOf, startRows } from "./start";

/** One request as the list and `create` print it. */
function requestText(r: ApprovalRequest): string {
  return fields([
    ["request", r.id],
    ["app", `${r.appName ?? "—"} (task ${r.taskId})`],
    ["state", r.state],
    ["requester", personOf(r.requester)],
    ["reason", r.reason],
    ["rollback", r.recordId ? `to record ${r.recordId}` : null],
    ["parameters", r.params.map((p) => (p.type === "encrypt" ? `${p.key}=(secret)` : `${p.key}=${p.value}`)).join(" ")],
    ["kept secrets", r.keepSecrets.join(", ")],
    ["expires", r.expiresAt],
    ["decided", r.decidedBy ? `${personOf(r.decidedBy)} at ${orDash(r.decidedAt)}${r.comment ? `: ${r.comment}` : ""}` : null],
    ["executed as", r.executedRecordId],
  ]);
}

export function registerApprovals(program: Command, ctx: Context) {
  const requests = program.command("requests").description("approval requests (apps that need a second person's approval)");

  requests
    .command("list", { isDefault: true })
    .description("requests you may see (default: every recent one)")
    .option("--mine", "only your own")
    .option("--to-approve", "only others' pending requests you may decide")
    .option("--state <state>", `only requests in this state: ${APPROVAL_STATES.join(", ")}`)
    .option("--json", "print the list as JSON")
    .action((opts: { mine?: boolean; toApprove?: boolean; state?: string; json?: boolean }) =>
      ctx.run(!!opts.json, async () => {
        if (opts.state !== undefined && !(APPROVAL_STATES as readonly string[]).includes(opts.state)) {
          throw usageError("invalid_arguments", `--state is one of ${APPROVAL_STATES.join(", ")}.`);
        }
        const query = { state: opts.state, mine: opts.mine ? "1" : undefined, toApprove: opts.toApprove ? "1" : undefined };
        const { body } = await ctx.client().call("GET /api/requests", { query });
        if (opts.json) return ctx.out.json(body);
        if (body.items.length === 0) return ctx.out.line("No requests.");
        const rows = body.items.map((r) => [r.id, r.state, r.appName ?? r.taskId, personOf(r.requester), r.expiresAt, r.reason]);
        ctx.out.line(table(["ID", "STATE", "APP", "REQUESTER", "EXPIRES (UTC)", "REASON"], rows));
      }),
    );

  const create = requests
    .command("create")
    .description("ask for approval of a deployment (what `deploy` would start), with a reason")
    .argument("<task>", "task id or app name");
  addParamOptions(create)
    .requiredOption("--reason <text>", "why (the approver reads it)")
    .option("--json", "print the request as JSON")
    .action((ref: string, opts: ParamOptions & { reason: string; json?: boolean }) =>
      ctx.run(!!opts.json, async () => {
        const assignments = assignmentsOf(opts);
        const client = ctx.client();
        const { taskId } = await resolveTask(client, ref);
        const rows = await startRows(ctx, client, taskId, opts, assignments);
        const body = checkBody(
          approvalRequestBodySchema,
          {
            params: rows.params,
            reason: opts.reason,
            ...(rows.keep_secrets ? { keep_secrets: rows.keep_secrets } : {}),
            ...(rows.recordId ? { record_id: rows.recordId } : {}),
          },
          "request",
        );
        const { body: request } = await client.call("POST /api/tasks/:taskId/requests", { params: { taskId }, body });
        if (opts.json) return ctx.out.json(request);
        ctx.out.line(requestText(request));
        ctx.out.line(
          `\nOnce approved: codearts-console execute ${request.id}${rows.params.some((p) => p.type === "encrypt") ? " (the secrets are asked for again)" : ""}`,
        );
      }),
    );

  program
    .command("approve")
    .description("approve someone else's pending request")
    .argument("<id>", "the request's id")
    .option("--comment <text>", "a note for the requester")
    .option("--json", "print the request as JSON")
    .action((id: string, opts: { comment?: string; json?: boolean }) =>
      ctx.run(!!opts.json, async () => {
        const body = opts.comment !== undefined ? { comment: opts.comment } : {};
        const { body: request } = await ctx.client().call("POST /api/requests/:id/approve", { params: { id }, body });
        if (opts.json) return ctx.out.json(request);
        ctx.out.line(`Approved request ${request.id} (${request.appName ?? request.taskId}); valid until ${request.expiresAt}.`);
      }),
    );

  program
    .command("reject")
    .description("reject someone else's pending request, saying why")
    .argument("<id>", "the request's id")
    .requiredOption("--reason <text>", "why (the requester reads it)")
    .option("--json", "print the request as JSON")
    .action((id: string, opts: { reason: string; json?: boolean }) =>
      ctx.run(!!opts.json, async () => {
        const { body: request } = await ctx.client().call("POST /api/requests/:id/reject", { params: { id }, body: { comment: opts.reason } });
        if (opts.json) return ctx.out.json(request);
        ctx.out.line(`Rejected request ${request.id} (${request.appName ?? request.taskId}).`);
      }),
    );
}
