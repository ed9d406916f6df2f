/**
 * deploy and execute: the two commands that start a deployment. Each sends one Idempotency-Key, and the client
 * repeats the request with that same key after a network failure — the console answers a repeated key with the
 * first answer, so a retried command never deploys twice.
 */
import type { Command } from "commander";
import { executeBodySchema } from "../../lib/schemas/approvals";
import { startDeployBodySchema, type StartDeployBody } from "../../lib/schemas/deploy";
import type { Context } from "../context";
import { checkBody } from "../params";
import { resolveTask } from "../resolve";
import { readSecrets } from "../secrets";
import { type ParamOptions, type WaitFlags, addParamOptions, addWaitOptions, afterStart, assignmentsOf, idempotencyKeyOf, startRows } from "./start";

interface DeployOptions extends ParamOptions, WaitFlags {
  reason?: string;
  confirmName?: string;
  overrideFreeze?: boolean;
  idempotencyKey?: string;
}

export function registerDeploy(program: Command, ctx: Context) {
  const deploy = program
    .command("deploy")
    .description("start a deployment of a task (or a rollback with --rollback-to)")
    .argument("<task>", "task id or app name");
  addParamOptions(deploy)
    .option("--reason <text>", "why (needed for a rollback, a protected app and a freeze override; kept in the audit ledger)")
    .option("--confirm-name <app name>", "a protected app's name, typed to confirm")
    .option("--override-freeze", "administrators: deploy inside a freeze window (needs --reason)");
  addWaitOptions(deploy, "deployment")
    .addHelpText(
      "after",
      `
Examples:
  codearts-console deploy order-service -p image_tag=v2.7.1 --wait
  codearts-console deploy order-service --secret db_password --wait    # value prompted, or $CODEARTS_SECRET_DB_PASSWORD
  codearts-console deploy order-service --rollback-to '#12' --reason "v2.7.1 breaks checkout" --wait
  codearts-console deploy warehouse-wms --confirm-name warehouse-wms --reason "weekly release" --json`,
    )
    .action((ref: string, opts: DeployOptions) =>
      ctx.run(!!opts.json, async () => {
        const assignments = assignmentsOf(opts);
        const idempotencyKey = idempotencyKeyOf(opts.idempotencyKey);
        const client = ctx.client();
        const { taskId } = await resolveTask(client, ref);
        const rows = await startRows(ctx, client, taskId, opts, assignments);
        const body = checkBody(
          startDeployBodySchema,
          {
            params: rows.params,
            ...(rows.keep_secrets ? { keep_secrets: rows.keep_secrets } : {}),
            ...(rows.recordId ? { record_id: rows.recordId } : {}),
            ...(opts.reason !== undefined ? { reason: opts.reason } : {}),
            ...(opts.confirmName !== undefined ? { confirm_name: opts.confirmName } : {}),
            ...(opts.overrideFreeze ? { override_freeze: true as const } : {}),
          },
          rows.recordId ? "rollback" : "start",
        );
        const answer = await client.call("POST /api/tasks/:taskId/start", { params: { taskId }, body }, { idempotencyKey });
        return afterStart(ctx, client, { answer, appName: rows.task.name, verb: rows.recordId ? "started the rollback of" : "started" }, opts);
      }),
    );

  const execute = program
    .command("execute")
    .description("start exactly what an approved request names (its secrets are asked for again: the console never kept them)")
    .argument("<id>", "the approval request's id")
    .option("--confirm-name <app name>", "a protected app's name, typed to confirm")
    .option("--reason <text>", "why (default: the request's reason)")
    .option("--override-freeze", "administrators: execute inside a freeze window (needs --reason)");
  addWaitOptions(execute, "deployment").action((id: string, opts: Omit<DeployOptions, keyof ParamOptions>) =>
    ctx.run(!!opts.json, async () => {
      const idempotencyKey = idempotencyKeyOf(opts.idempotencyKey);
      const client = ctx.client();
      const { body: request } = await client.call("GET /api/requests/:id", { params: { id } });
      // The request keeps a fingerprint of each secret it was approved with: the executor types the same value.
      const secretKeys = request.params.filter((p) => p.type === "encrypt").map((p) => p.key);
      const secrets = await readSecrets(ctx.io, secretKeys, (s) => ctx.out.hide(s));
      const body = checkBody(
        executeBodySchema,
        {
          params: request.params.map((p) => (p.type === "encrypt" ? { ...p, value: secrets.get(p.key) ?? "" } : p)) as StartDeployBody["params"],
          ...(request.keepSecrets.length > 0 ? { keep_secrets: request.keepSecrets } : {}),
          ...(request.recordId ? { record_id: request.recordId } : {}),
          ...(request.triggerSource ? { trigger_source: request.triggerSource } : {}),
          ...(opts.confirmName !== undefined ? { confirm_name: opts.confirmName } : {}),
          ...(opts.reason !== undefined ? { reason: opts.reason } : {}),
          ...(opts.overrideFreeze ? { override_freeze: true as const } : {}),
        },
        "execution",
      );
      const answer = await client.call("POST /api/requests/:id/execute", { params: { id }, body }, { idempotencyKey });
      return afterStart(ctx, client, { answer, appName: request.appName ?? request.taskId, verb: "started the approved deployment of" }, opts);
    }),
  );
}
