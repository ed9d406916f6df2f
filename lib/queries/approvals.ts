/**
 * Two-person approval: the requests lists and one request, and the actions on them (submit, approve, reject,
 * execute), each invalidating what it changes. The admin setting (which apps need an approval) is here too.
 */
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApprovalRequestBody, NewApprovalAppBody } from "@/lib/schemas/approvals";
import type { StartDeployBody } from "@/lib/schemas/deploy";
import { apiFetch } from "@/lib/queries/api";
import { appKeys } from "@/lib/queries/apps";
import { recordKeys, rememberStartResult } from "@/lib/queries/records";
import { taskKeys } from "@/lib/queries/tasks";

/** Which list: pending requests of others I may decide, my own, or every recent one I may see. */
export type RequestsTab = "toApprove" | "mine" | "recent";

const requestKeys = {
  all: ["requests"] as const,
  list: (tab: RequestsTab) => [...requestKeys.all, "list", tab] as const,
  detail: (id: string) => [...requestKeys.all, "detail", id] as const,
  approvalApps: () => ["admin", "approval-apps"] as const,
};

const TAB_QUERY: Record<RequestsTab, { toApprove?: string; mine?: string }> = { toApprove: { toApprove: "1" }, mine: { mine: "1" }, recent: {} };

export const requestsOptions = (tab: RequestsTab) =>
  queryOptions({
    queryKey: requestKeys.list(tab),
    queryFn: ({ signal }) => apiFetch("GET /api/requests", { query: TAB_QUERY[tab], signal }),
  });

export const requestOptions = (id: string) =>
  queryOptions({
    queryKey: requestKeys.detail(id),
    queryFn: ({ signal }) => apiFetch("GET /api/requests/:id", { params: { id }, signal }),
    // A pending request is decided by someone else: look again now and then.
    refetchInterval: (q) => (q.state.data?.state === "pending" || q.state.data?.state === "executing" ? 5000 : false),
  });

/** POST /api/tasks/{taskId}/requests */
export function useRequestApproval(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApprovalRequestBody) => apiFetch("POST /api/tasks/:taskId/requests", { params: { taskId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

/** POST /api/requests/{id}/approve | reject */
export function useDecideRequest(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ decision, comment }: { decision: "approve" | "reject"; comment: string }) =>
      decision === "approve"
        ? apiFetch("POST /api/requests/:id/approve", { params: { id }, body: comment ? { comment } : {} })
        : apiFetch("POST /api/requests/:id/reject", { params: { id }, body: { comment } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

/** POST /api/requests/{id}/execute: on success, like a start, the answer is kept for the record page. */
export function useExecuteRequest(id: string, taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: StartDeployBody; idempotencyKey: string }) =>
      apiFetch("POST /api/requests/:id/execute", { params: { id }, body, headers: { "Idempotency-Key": idempotencyKey } }),
    onSuccess: (result) => rememberStartResult(queryClient, result),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: requestKeys.all }),
        queryClient.invalidateQueries({ queryKey: recordKeys.lists(taskId) }),
        queryClient.invalidateQueries({ queryKey: taskKeys.detail(taskId) }),
      ]),
  });
}

// ---- Admin: which apps need an approval

export const approvalAppsOptions = () =>
  queryOptions({
    queryKey: requestKeys.approvalApps(),
    queryFn: ({ signal }) => apiFetch("GET /api/admin/approval-apps", { signal }),
  });

export function useApprovalAppChange() {
  const queryClient = useQueryClient();
  const refresh = () => Promise.all([requestKeys.approvalApps(), taskKeys.all, appKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  const add = useMutation({ mutationFn: (body: NewApprovalAppBody) => apiFetch("POST /api/admin/approval-apps", { body }), onSettled: refresh });
  const remove = useMutation({
    mutationFn: (taskId: string) => apiFetch("DELETE /api/admin/approval-apps/:taskId", { params: { taskId } }),
    onSettled: refresh,
  });
  return { add, remove };
}
