import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api";

export const meKeys = { all: ["me"] as const };

/** GET /api/me: the signed-in user and their grants (header, admin gate). */
export const meOptions = () =>
  queryOptions({
    queryKey: meKeys.all,
    queryFn: ({ signal }) => apiFetch("GET /api/me", { signal }),
    staleTime: 60_000,
  });
