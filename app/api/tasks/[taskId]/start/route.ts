// POST /api/tasks/[taskId]/start – start a deployment (or a rollback with record_id); never retried upstream
import { taskParamsSchema } from "@/lib/schemas/api";
import { startDeployBodySchema } from "@/lib/schemas/deploy";
import { codearts } from "@/lib/server/codearts";
import { ApiError } from "@/lib/server/errors";
import { log } from "@/lib/server/log";
import { route } from "@/lib/server/route";

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export const POST = route({ params: taskParamsSchema, body: startDeployBodySchema }, async ({ req, params, body, requestId }) => {
  const key = req.headers.get("idempotency-key");
  if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
    throw new ApiError("validation_failed", "Idempotency-Key must be 8–128 characters of letters, digits, '.', '_', ':' or '-'.");
  }
  const result = await codearts().startTask({ taskId: params.taskId, body });
  // Parameter values are not logged: encrypt values are secrets.
  log.info("deployment started", {
    requestId,
    taskId: params.taskId,
    recordId: result.id,
    rollbackOf: body.record_id ?? null,
    paramKeys: body.params.map((p) => p.key),
  });
  return result;
});
