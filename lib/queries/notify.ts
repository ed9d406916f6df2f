/**
 * Notifications in the browser (admins): channels, their delivery logs, subscriptions, and the actions on them —
 * each invalidating what it changes. A channel's pending/dead counts move with its deliveries, so a retry refreshes
 * the channel list as well as the log. The dispatcher moves deliveries on its own: what shows them polls while they
 * wait, and an open log keeps showing what is sent.
 */
import { queryOptions, useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import type { RequestOf } from "@/lib/schemas/api";
import type { SubscriptionBody } from "@/lib/schemas/notify";
import { apiFetch } from "@/lib/queries/api";

const notifyKeys = {
  all: ["admin", "notify"] as const,
  channels: () => [...notifyKeys.all, "channels"] as const,
  deliveries: (channelId: string) => [...notifyKeys.all, "deliveries", channelId] as const,
  subscriptions: () => [...notifyKeys.all, "subscriptions"] as const,
};

/** While a delivery waits, how often the log looks again (the first retry comes 5–10 s after a failure). */
const WAITING_POLL_MS = 2_000;
/** An open log with nothing waiting still shows new events as they are sent, at this pace. */
const OPEN_LOG_POLL_MS = 10_000;
/** The channels' waiting counts move while deliveries wait (none waiting: nothing polls). */
const BACKLOG_POLL_MS = 5_000;

export const channelsOptions = () =>
  queryOptions({
    queryKey: notifyKeys.channels(),
    queryFn: ({ signal }) => apiFetch("GET /api/admin/channels", { signal }),
    refetchInterval: (q) => (q.state.data?.some((c) => c.pending > 0) ? BACKLOG_POLL_MS : false),
  });

/** A channel's delivery log (mounted only while it is open). */
export const deliveriesOptions = (channelId: string) =>
  queryOptions({
    queryKey: notifyKeys.deliveries(channelId),
    queryFn: ({ signal }) => apiFetch("GET /api/admin/channels/:id/deliveries", { params: { id: channelId }, signal }),
    refetchInterval: (q) => (q.state.data?.some((d) => d.state === "pending") ? WAITING_POLL_MS : OPEN_LOG_POLL_MS),
  });

export const subscriptionsOptions = () =>
  queryOptions({ queryKey: notifyKeys.subscriptions(), queryFn: ({ signal }) => apiFetch("GET /api/admin/subscriptions", { signal }) });

/** A mutation that refreshes the given lists afterwards (also when it failed: the list may have moved on). */
function useNotifyMutation<V, R>(fn: (vars: V) => Promise<R>, invalidate: (vars: V) => QueryKey[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: (_data, _error, vars) => Promise.all(invalidate(vars).map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

export type NewChannelBody = RequestOf<"POST /api/admin/channels">["body"];
export type ChannelPatch = RequestOf<"PATCH /api/admin/channels/:id">["body"];

export const useCreateChannel = () =>
  useNotifyMutation(
    (body: NewChannelBody) => apiFetch("POST /api/admin/channels", { body }),
    () => [notifyKeys.channels()],
  );

export const useUpdateChannel = () =>
  useNotifyMutation(
    ({ id, patch }: { id: string; patch: ChannelPatch }) => apiFetch("PATCH /api/admin/channels/:id", { params: { id }, body: patch }),
    // A rename shows in the subscriptions' channel column too.
    () => [notifyKeys.channels(), notifyKeys.subscriptions()],
  );

export const useDeleteChannel = () =>
  useNotifyMutation(
    (id: string) => apiFetch("DELETE /api/admin/channels/:id", { params: { id } }),
    () => [notifyKeys.all],
  );

/** "Send test message": the receiver's answer, as it came (nothing is stored, so nothing to refresh). */
export const useTestChannel = () => useMutation({ mutationFn: (id: string) => apiFetch("POST /api/admin/channels/:id/test", { params: { id } }) });

export const useRetryDelivery = (channelId: string) =>
  useNotifyMutation(
    (id: string) => apiFetch("POST /api/admin/deliveries/:id/retry", { params: { id } }),
    () => [notifyKeys.deliveries(channelId), notifyKeys.channels()],
  );

export const useCreateSubscription = () =>
  useNotifyMutation(
    (body: SubscriptionBody) => apiFetch("POST /api/admin/subscriptions", { body }),
    () => [notifyKeys.subscriptions()],
  );

export const useDeleteSubscription = () =>
  useNotifyMutation(
    (id: string) => apiFetch("DELETE /api/admin/subscriptions/:id", { params: { id } }),
    () => [notifyKeys.subscriptions()],
  );
