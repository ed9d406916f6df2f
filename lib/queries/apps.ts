import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { AppItem } from "@/lib/schemas/apps";
import type { RunState } from "@/lib/schemas/common";
import { apiFetch } from "@/lib/queries/api";

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
    queryFn: ({ signal }) => apiFetch("GET /api/apps", { query: { q: filter.q, state: filter.state, page: filter.page, size: filter.size }, signal }),
    // Keep the old page on screen while the next one loads (typing, paging).
    placeholderData: keepPreviousData,
  });

/** Largest page GET /api/apps serves, and how many of them the picker reads to filter on the client. */
const EVERY_PAGE_SIZE = 100;
const EVERY_MAX_PAGES = 50;

/**
 * Every app the user may see (all pages, for one state filter), so the picker can show the rows of a term at the
 * keystroke while the server's answer is on its way. Null when there are more than 5,000 apps: the picker then
 * only narrows the rows it shows.
 */
export const everyAppOptions = (state: RunState | "") =>
  queryOptions({
    queryKey: [...appKeys.all, "every", state] as const,
    queryFn: async ({ signal }): Promise<AppItem[] | null> => {
      const page = (p: number) => apiFetch("GET /api/apps", { query: { state, page: p, size: EVERY_PAGE_SIZE }, signal });
      const first = await page(1);
      const pages = Math.ceil(first.total / EVERY_PAGE_SIZE);
      if (pages > EVERY_MAX_PAGES) return null;
      const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => page(i + 2)));
      return [first, ...rest].flatMap((p) => p.items);
    },
    // A preview only: the server's answer replaces it; last states may be this old.
    staleTime: 30_000,
  });
