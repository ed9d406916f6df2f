// POST /api/tasks/[taskId]/start – start a deployment (or a rollback with record_id); never retried upstream
import { NextResponse } from "next/server";
import { taskParamsSchema } from "@/lib/schemas/tasks";
import { startDeployBodySchema } from "@/lib/schemas/deploy";
import { myLastRunRemembered } from "@/lib/server/db/my-last-run";
import { ApiError } from "@/lib/server/errors";
import { actorOf, clientOf } from "@/lib/server/deploy/requester";
import { ledgerDeps } from "@/lib/server/deploy/wiring";
import { guardedStart } from "@/lib/server/deploy/start";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export const POST = route(
  { permission: "deploy", params: taskParamsSchema, body: startDeployBodySchema, ledger: "start" },
  async ({ req, params, body, requestId, user, task }) => {
    const key = req.headers.get("idempotency-key");
    if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
      throw new ApiError("validation_failed", "Idempotency-Key must be 8–128 characters of letters, digits, '.', '_', ':' or '-'.");
    }
    // Protected apps: the typed app name and a reason, checked here so a careless call never reaches the cloud.
    const prot = task?.protected;
    if (prot && (body.confirm_name?.trim() !== prot.appName || !body.reason)) {
      throw new ApiError(
        "protected_confirmation_required",
        `${prot.appName} is protected: send its name exactly in confirm_name and a reason for this ${body.record_id ? "rollback" : "deployment"}.`,
      );
    }
    // The deploy ledger: idempotency key, one deployment per task, write-ahead row, one upstream call, outcome.
    const out = await guardedStart(ledgerDeps(), {
      taskId: params.taskId,
      body,
      actor: { ...actorOf(user), id: user.id },
      client: clientOf(req.headers, requestId),
      idempotencyKey: key,
    });
    if (out.kind === "replay") return NextResponse.json(out.body, { status: out.status, headers: { "idempotent-replayed": "true" } });
    const result = out.result;
    // "My last run" for this user and task (non-secret values only); a failure here must not fail a started deployment.
    await myLastRunRemembered({ userId: user.id, taskId: params.taskId, params: body.params, recordId: result.id });
    // Parameter values are not logged: encrypt values are secrets (the ledger keeps keyed fingerprints of them).
    log.info("deployment started", {
      requestId,
      user: user.email,
      taskId: params.taskId,
      recordId: result.id,
      rollbackOf: body.record_id ?? null,
      protected: prot ? true : undefined,
      reason: body.reason ?? null,
      paramKeys: body.params.map((p) => p.key),
    });
    return result;
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
