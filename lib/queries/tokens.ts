/** API tokens (GET/POST /api/tokens, DELETE /api/tokens/{id}) and service accounts (admins). */
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { NewTokenBody } from "@/lib/schemas/tokens";
import { apiFetch } from "@/lib/queries/api";

const tokenKeys = {
  all: ["tokens"] as const,
  list: (scope: "mine" | "all") => [...tokenKeys.all, scope] as const,
};

export const tokensOptions = (scope: "mine" | "all") =>
  queryOptions({
    queryKey: tokenKeys.list(scope),
    queryFn: ({ signal }) => apiFetch("GET /api/tokens", { query: { scope }, signal }),
  });

function useTokenMutation<V, R>(fn: (vars: V) => Promise<R>, extra: readonly (readonly string[])[] = []) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => Promise.all([tokenKeys.all, ...extra].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

export const useCreateToken = () => useTokenMutation((body: NewTokenBody) => apiFetch("POST /api/tokens", { body }));

export const useRevokeToken = () => useTokenMutation((id: string) => apiFetch("DELETE /api/tokens/:id", { params: { id } }));

export const useCreateServiceAccount = () =>
  useTokenMutation(
    (body: { name: string; role: "viewer" | "deployer" | "admin" | null }) => apiFetch("POST /api/admin/service-accounts", { body }),
    [["admin", "users"]],
  );
