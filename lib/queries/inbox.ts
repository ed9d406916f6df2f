/**
 * The signed-in user's in-console inbox: all items or the unread ones, and mark read (what they watch is in
 * ./watches.ts). Marking read answers the whole inbox, which becomes the cached list at once; the header's bell is
 * rendered on the server, so the component that marks also refreshes the route.
 */
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { Inbox } from "@/lib/schemas/notify";
import { apiFetch } from "@/lib/queries/api";

export const inboxKeys = {
  all: ["inbox"] as const,
  list: (unreadOnly: boolean) => [...inboxKeys.all, unreadOnly ? "unread" : "all"] as const,
};

/** GET /api/me/inbox: the newest items (the unread ones only when asked) and the unread count. */
export const inboxOptions = (unreadOnly: boolean) =>
  queryOptions({
    queryKey: inboxKeys.list(unreadOnly),
    queryFn: ({ signal }) => apiFetch("GET /api/me/inbox", { query: unreadOnly ? { unread: "1" } : {}, signal }),
  });

/** POST /api/me/inbox/read: the listed items, or all of them (no ids). */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) => apiFetch("POST /api/me/inbox/read", { body: ids ? { ids } : {} }),
    onSuccess: (inbox: Inbox) => queryClient.setQueryData(inboxKeys.list(false), inbox),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.list(true) }),
  });
}
