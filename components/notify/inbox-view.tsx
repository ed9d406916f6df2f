"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { inboxOptions, useMarkRead } from "@/lib/queries/inbox";
import { cn } from "@/lib/utils";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { CheckIcon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";
import { InboxItemRow } from "@/components/notify/inbox-item";

type Tab = "all" | "unread";
const TABS: Tab[] = ["all", "unread"];

/** The inbox page's list: every recent notification or the unread ones, mark one or all read. */
export function InboxView() {
  const t = useTranslations("inbox");
  const router = useRouter();
  const announce = useAnnounce();
  const [tab, setTab] = useState<Tab>("all");
  const list = useQuery(inboxOptions(tab === "unread"));
  const markRead = useMarkRead();
  const unread = list.data?.unread ?? 0;

  // The header's count is rendered on the server: re-render the route once the server has the change.
  const read = (ids: string[] | undefined, refresh: boolean) =>
    markRead.mutate(ids, {
      onSuccess: () => {
        if (!refresh) return;
        router.refresh();
        if (!ids) announce(t("allMarked"), "success");
      },
      onError: (err) => announce(t("markFailed", { message: err.message }), "error"),
    });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="tablist" aria-label={t("tabsLabel")} className="flex flex-wrap gap-2">
          {TABS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={tab === id}
              data-testid={`inbox-tab-${id}`}
              onClick={() => setTab(id)}
              className={cn(
                "rounded-md border px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600",
                tab === id ? "border-zinc-900 bg-zinc-900 text-white" : "border-zinc-200 bg-white text-zinc-700 hover:bg-zinc-50",
              )}
            >
              {t(`tabs.${id}`)}
            </button>
          ))}
        </div>
        <div className="flex items-center gap-3">
          <p data-testid="inbox-unread" data-count={unread} className="text-sm text-zinc-600" aria-live="polite">
            {t("unreadCount", { count: unread })}
          </p>
          <Button
            size="sm"
            data-testid="inbox-read-all"
            disabled={unread === 0}
            pending={markRead.isPending && markRead.variables === undefined}
            onClick={() => read(undefined, true)}
          >
            <CheckIcon />
            {t("markAllRead")}
          </Button>
        </div>
      </div>
      <div role="tabpanel" aria-label={t(`tabs.${tab}`)}>
        {list.isError && !list.data ? (
          <ApiErrorAlert error={list.error} />
        ) : !list.data ? (
          <SkeletonRows rows={4} columns={3} label={t("loading")} />
        ) : list.data.items.length === 0 ? (
          <p data-testid="inbox-empty" className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-6 text-center text-sm text-zinc-600">
            {t(`empty.${tab}`)}
          </p>
        ) : (
          <ul data-testid="inbox-list" className="divide-y divide-zinc-200 overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs">
            {list.data.items.map((item) => (
              <InboxItemRow key={item.id} item={item} busy={markRead.isPending} onRead={(refresh) => read([item.id], refresh)} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
