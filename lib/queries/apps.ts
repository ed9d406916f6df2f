import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { AppAccess } from "@/lib/schemas/access";
import type { AppSummary, AppsPage, RunState } from "@/lib/schemas/deploy";
import { apiFetch, withQuery } from "@/lib/queries/api";

/** A picker row as GET /api/apps answers it: the app and what the signed-in user may do with it. */
export type AppItem = AppSummary & { access: AppAccess };
export type AppsList = Omit<AppsPage, "items"> & { items: AppItem[] };

export const APPS_PAGE_SIZE = 20;

export interface AppsFilter {
  q: string;
  state: RunState | "";
  page: number;
  size: number;
}

export const appKeys = {
  all: ["apps"] as const,
  lists: () => [...appKeys.all, "list"] as const,
  list: (filter: AppsFilter) => [...appKeys.lists(), filter] as const,
};

export const appsOptions = (filter: AppsFilter) =>
  queryOptions({
    queryKey: appKeys.list(filter),
    queryFn: ({ signal }) =>
      apiFetch<AppsList>(
        withQuery("/api/apps", { q: filter.q, state: filter.state, page: filter.page, size: filter.size }),
        { signal },
      ),
    // Keep the old page on screen while the next one loads (typing, paging).
    placeholderData: keepPreviousData,
  });
