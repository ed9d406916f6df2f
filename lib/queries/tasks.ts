import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { StartDeployBody, StartResult, TaskDetail } from "@/lib/schemas/deploy";
import { apiFetch } from "@/lib/queries/api";
import { appKeys } from "@/lib/queries/apps";
import { recordKeys, rememberStartResult } from "@/lib/queries/records";

export const taskKeys = {
  all: ["tasks"] as const,
  detail: (taskId: string) => [...taskKeys.all, taskId, "detail"] as const,
};

export const taskOptions = (taskId: string) =>
  queryOptions({
    queryKey: taskKeys.detail(taskId),
    queryFn: ({ signal }) => apiFetch<TaskDetail>(`/api/tasks/${encodeURIComponent(taskId)}`, { signal }),
  });

export interface StartDeployInput {
  body: StartDeployBody;
  /** Fresh per form submission, so a double click or a retried request cannot deploy twice. */
  idempotencyKey: string;
}

/** POST /api/tasks/{taskId}/start. On success the answer is kept for the record page (cache + sessionStorage). */
export function useStartDeploy(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: StartDeployInput) =>
      apiFetch<StartResult>(`/api/tasks/${encodeURIComponent(taskId)}/start`, {
        method: "POST",
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
  });
}
