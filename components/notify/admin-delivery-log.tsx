"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { ChannelView, DeliveryView } from "@/lib/schemas/notify";
import { deliveriesOptions, useRetryDelivery } from "@/lib/queries/notify";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { RepeatIcon, SpinnerIcon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Time } from "@/components/ui/time";
import { ApiErrorAlert, QueryErrorAlert } from "@/components/errors/api-error-alert";
import { DeliveryStateBadge, useEventLabel } from "@/components/notify/admin-labels";

/**
 * A channel's delivery log, newest first: each event's state, attempts, the receiver's last answer and, while it
 * waits, when the next attempt is due — with "retry now" for waiting and dead-lettered deliveries.
 */
export function DeliveryLog({ id, channel }: { id: string; channel: ChannelView }) {
  const t = useTranslations("notifyAdmin.log");
  const log = useQuery(deliveriesOptions(channel.id));
  const retry = useRetryDelivery(channel.id);
  const announce = useAnnounce();

  return (
    <section
      id={id}
      data-testid="notify-delivery-log"
      aria-label={t("title", { name: channel.name })}
      className="mt-3 rounded-md border border-zinc-200 bg-zinc-50/60"
    >
      <header className="flex items-center gap-2 border-b border-zinc-200 px-3 py-2 text-xs font-medium text-zinc-700">
        {t("title", { name: channel.name })}
        {log.isFetching && <SpinnerIcon className="size-3" />}
      </header>
      {retry.error != null && (
        <div className="p-3">
          <ApiErrorAlert error={retry.error} />
        </div>
      )}
      {log.isError && log.data === undefined ? (
        <QueryErrorAlert query={log} />
      ) : log.isPending ? (
        <SkeletonRows rows={2} columns={3} label={t("loading")} />
      ) : log.data.length === 0 ? (
        <p className="px-3 py-4 text-center text-xs text-zinc-500">{t("empty")}</p>
      ) : (
        <ol className="divide-y divide-zinc-200">
          {log.data.map((d) => (
            <DeliveryItem
              key={d.id}
              delivery={d}
              retrying={retry.isPending && retry.variables === d.id}
              onRetry={() => retry.mutate(d.id, { onSuccess: () => announce(t("retryQueued"), "success") })}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function DeliveryItem({ delivery: d, retrying, onRetry }: { delivery: DeliveryView; retrying: boolean; onRetry: () => void }) {
  const t = useTranslations("notifyAdmin.log");
  const eventLabel = useEventLabel();
  return (
    <li
      data-testid="notify-delivery"
      data-id={d.id}
      data-event-id={d.eventId}
      data-kind={d.kind}
      data-state={d.state}
      data-attempts={d.attempts}
      className="space-y-1 px-3 py-2 text-xs"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="flex min-w-0 flex-wrap items-center gap-1.5">
          <DeliveryStateBadge state={d.state} />
          <span className="font-medium text-zinc-900">{eventLabel(d.kind)}</span>
          {d.appName && <span className="break-words text-zinc-600">· {d.appName}</span>}
          <span className="text-zinc-500">
            · <Time value={d.eventAt} />
          </span>
        </p>
        {d.state !== "delivered" && (
          <Button size="sm" data-testid="notify-delivery-retry" pending={retrying} onClick={onRetry}>
            <RepeatIcon />
            {t("retry")}
          </Button>
        )}
      </div>
      <dl className="flex flex-wrap gap-x-4 gap-y-0.5 text-zinc-600">
        <div className="flex gap-1">
          <dt>{t("attempts")}</dt>
          <dd data-testid="notify-delivery-attempts" className="tabular-nums">
            {d.attempts}
          </dd>
        </div>
        {d.lastAt && (
          <div className="flex gap-1">
            <dt>{t("lastAt")}</dt>
            <dd>
              <Time value={d.lastAt} />
            </dd>
          </div>
        )}
        {d.attempts > 0 && (
          <div className="flex gap-1">
            <dt>{t("lastStatus")}</dt>
            <dd data-testid="notify-delivery-status" className="font-mono">
              {d.lastStatus ?? t("noAnswer")}
            </dd>
          </div>
        )}
        {d.state === "pending" && d.nextAt && (
          <div className="flex gap-1" data-testid="notify-delivery-next">
            <dt>{t("nextAt")}</dt>
            <dd>
              <Time value={d.nextAt} />
            </dd>
          </div>
        )}
      </dl>
      {d.lastAnswer && (
        <pre
          data-testid="notify-delivery-answer"
          className="max-h-24 overflow-auto rounded bg-white px-2 py-1 font-mono break-all whitespace-pre-wrap text-zinc-700"
        >
          {d.lastAnswer}
        </pre>
      )}
    </li>
  );
}
