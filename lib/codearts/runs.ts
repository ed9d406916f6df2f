/** The two writes: StartDeployTask and StopDeployTask. Each is sent once, never retried. */
import type { StartDeployBody, StartResult } from "../schemas/deploy";
import type { StopResult } from "../schemas/records";
import type { CodeArtsClient } from "./client";
import { toStartResult } from "./reshape";
import { startDeployTaskResponseSchema, stopDeployTaskResponseSchema } from "./schemas";

/**
 * StartDeployTask: the seed's call. A timeout, a broken connection or a 5xx leaves a CodeArtsError with `inDoubt`
 * set (the cloud may have started it), for the ledger to reconcile.
 */
export async function startTask(client: CodeArtsClient, input: { taskId: string; body: StartDeployBody }): Promise<StartResult> {
  const b = input.body;
  const body = {
    ...(b.params.length > 0 ? { params: b.params.map((p) => ({ key: p.key, value: p.value, type: p.type })) } : {}),
    ...(b.record_id ? { record_id: b.record_id } : {}),
    ...(b.trigger_source ? { trigger_source: b.trigger_source } : {}),
  };
  const answer = await client.deploy({
    operation: "StartDeployTask",
    method: "POST",
    path: `/v2/tasks/${input.taskId}/start`,
    body,
    schema: startDeployTaskResponseSchema,
    idempotent: false,
  });
  return toStartResult(answer);
}

/** StopDeployTask: sent once, like a start (stopping twice is harmless, but a stop is still a write). */
export async function stopRecord(client: CodeArtsClient, input: { taskId: string; recordId: string }): Promise<StopResult> {
  const answer = await client.deploy({
    operation: "StopDeployTask",
    method: "PUT",
    path: `/v2/tasks/${input.taskId}/records/${input.recordId}/stop`,
    schema: stopDeployTaskResponseSchema,
    idempotent: false,
  });
  return { id: answer.result.id ?? input.recordId, task_id: answer.result.task_id ?? input.taskId };
}
