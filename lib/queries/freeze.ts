/**
 * Freeze windows in the browser (admins): the list, create / change / delete, and the preview of a definition's
 * next occurrences. A change moves what every task page says (its freeze notice, its start block): their cached
 * answers are stale after one.
 */
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { FreezeWindowBody } from "@/lib/schemas/freeze-windows";
import { apiFetch } from "@/lib/queries/api";
import { taskKeys } from "@/lib/queries/tasks";

const freezeKeys = {
  all: ["admin", "freeze-windows"] as const,
  preview: (definition: string) => [...freezeKeys.all, "preview", definition] as const,
};

export const freezeWindowsOptions = () =>
  queryOptions({ queryKey: freezeKeys.all, queryFn: ({ signal }) => apiFetch("GET /api/admin/freeze-windows", { signal }) });

/** The next occurrences of a definition being edited (`null`: not complete enough to ask). */
export const freezePreviewOptions = (definition: Pick<FreezeWindowBody, "timeZone" | "schedule"> | null) =>
  queryOptions({
    queryKey: freezeKeys.preview(JSON.stringify(definition)),
    queryFn: ({ signal }) => apiFetch("POST /api/admin/freeze-windows/preview", { body: definition!, signal }),
    enabled: definition !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });

function useFreezeMutation<V>(fn: (vars: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: freezeKeys.all }), queryClient.invalidateQueries({ queryKey: taskKeys.all })]),
  });
}

export const useSaveFreezeWindow = () =>
  useFreezeMutation(({ id, body }: { id: string | null; body: FreezeWindowBody }) =>
    id ? apiFetch("PUT /api/admin/freeze-windows/:id", { params: { id }, body }) : apiFetch("POST /api/admin/freeze-windows", { body }),
  );

export const useDeleteFreezeWindow = () => useFreezeMutation((id: string) => apiFetch("DELETE /api/admin/freeze-windows/:id", { params: { id } }));
