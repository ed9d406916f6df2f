import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { PreviewBody, StartDeployBody } from "@/lib/schemas/deploy";
import type { LockBody } from "@/lib/schemas/locks";
import { apiFetch } from "@/lib/queries/api";
import { appKeys } from "@/lib/queries/apps";
import { recordKeys, rememberStartResult } from "@/lib/queries/records";

/** While a deployment holds the task, look again every few seconds: the notice and the blocked button follow it. */
const IN_FLIGHT_POLL_MS = 4000;

export const taskKeys = {
  all: ["tasks"] as const,
  detail: (taskId: string) => [...taskKeys.all, taskId, "detail"] as const,
};

export const taskOptions = (taskId: string) =>
  queryOptions({
    queryKey: taskKeys.detail(taskId),
    queryFn: ({ signal }) => apiFetch("GET /api/tasks/:taskId", { params: { taskId }, signal }),
    refetchInterval: (q) => (q.state.data?.inFlight ? IN_FLIGHT_POLL_MS : false),
  });

export interface StartDeployInput {
  body: StartDeployBody;
  /**
   * Fresh per form submission; a retry of the same submission sends the same key (and body), so the server
   * answers it from its record of the first attempt instead of deploying twice.
   */
  idempotencyKey: string;
}

/** POST /api/tasks/{taskId}/start. On success the answer is kept for the record page (cache + sessionStorage). */
export function useStartDeploy(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: StartDeployInput) =>
      apiFetch("POST /api/tasks/:taskId/start", {
        params: { taskId },
        body,
        headers: { "Idempotency-Key": idempotencyKey },
      }),
    onSuccess: async (result) => {
      rememberStartResult(queryClient, result);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: recordKeys.lists(taskId) }),
        queryClient.invalidateQueries({ queryKey: taskKeys.detail(taskId) }),
        queryClient.invalidateQueries({ queryKey: appKeys.lists() }),
      ]);
    },
    // A refusal may say the task is busy or the start is in doubt: the task's in-flight state has news.
    onError: () => queryClient.invalidateQueries({ queryKey: taskKeys.detail(taskId) }),
  });
}

/**
 * POST /api/tasks/{taskId}/preview: the rows compared with the task's latest record. A mutation, not a query: the
 * body may hold typed secrets, which must not sit in a query cache key.
 */
export function usePreview(taskId: string) {
  return useMutation({
    mutationFn: (body: PreviewBody) => apiFetch("POST /api/tasks/:taskId/preview", { params: { taskId }, body }),
  });
}

/** POST / DELETE /api/tasks/{taskId}/lock: the task's answer (lock, start block) and the picker rows follow. */
export function useTaskLock(taskId: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: taskKeys.detail(taskId) }), queryClient.invalidateQueries({ queryKey: appKeys.lists() })]);
  const lock = useMutation({
    mutationFn: (body: LockBody) => apiFetch("POST /api/tasks/:taskId/lock", { params: { taskId }, body }),
    onSettled: refresh,
  });
  const unlock = useMutation({
    mutationFn: (reason: string | null) => apiFetch("DELETE /api/tasks/:taskId/lock", { params: { taskId }, query: { reason: reason ?? undefined } }),
    onSettled: refresh,
  });
  return { lock, unlock };
}
