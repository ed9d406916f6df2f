"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { requestsOptions, type RequestsTab } from "@/lib/queries/approvals";
import { cn } from "@/lib/utils";
import { Link } from "@/components/ui/link";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Time } from "@/components/ui/time";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";
import { RequestStateBadge } from "@/components/approvals/request-state-badge";

const TABS: RequestsTab[] = ["toApprove", "mine", "recent"];

/** The requests: pending ones of others this user may decide, their own, and every recent one they may see. */
export function RequestsView() {
  const t = useTranslations("approvals");
  const [tab, setTab] = useState<RequestsTab>("toApprove");
  const list = useQuery(requestsOptions(tab));

  return (
    <div className="space-y-4">
      <div role="tablist" aria-label={t("tabsLabel")} className="flex flex-wrap gap-2">
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            data-testid={`requests-tab-${id}`}
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
      <div role="tabpanel" aria-label={t(`tabs.${tab}`)}>
        {list.isError && !list.data ? (
          <ApiErrorAlert error={list.error} />
        ) : !list.data ? (
          <SkeletonRows rows={3} columns={3} label={t("loading")} />
        ) : list.data.items.length === 0 ? (
          <p data-testid="requests-empty" className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-6 text-center text-sm text-zinc-600">
            {t(`empty.${tab}`)}
          </p>
        ) : (
          <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white shadow-xs">
            {list.data.items.map((r) => (
              <li
                key={r.id}
                data-testid="request-row"
                data-request-id={r.id}
                data-state={r.state}
                className="flex flex-wrap items-start gap-x-4 gap-y-1 px-4 py-3"
              >
                <div className="min-w-0 flex-1">
                  <Link href={`/requests/${r.id}`} className="font-medium break-words text-blue-700 hover:underline">
                    {r.appName ?? r.taskId}
                  </Link>
                  <p className="mt-0.5 text-sm break-words text-zinc-700">{r.reason}</p>
                  <p className="mt-0.5 text-xs text-zinc-500">
                    {t("requestedBy", { name: r.requester.name ?? r.requester.email ?? "?" })} · <Time value={r.createdAt} />
                  </p>
                </div>
                <RequestStateBadge state={r.state} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
