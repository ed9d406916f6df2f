"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { SubscriptionScope, SubscriptionView } from "@/lib/schemas/notify";
import { adminTeamsOptions } from "@/lib/queries/admin";
import { subscriptionsOptions, useDeleteSubscription } from "@/lib/queries/notify";
import { cn } from "@/lib/utils";
import { DataTable, td } from "@/components/ui/data-table";
import { TrashIcon } from "@/components/ui/icons";
import { AdminSection, ConfirmRemoval, RowAction } from "@/components/admin/admin-ui";
import { useEventLabel } from "@/components/notify/admin-labels";
import { NewSubscriptionForm } from "@/components/notify/admin-subscription-form";

/** Subscriptions: which events of which apps go to which channel. */
export function SubscriptionsPanel() {
  const t = useTranslations("notifyAdmin.subscriptions");
  const list = useQuery(subscriptionsOptions());
  const teams = useQuery(adminTeamsOptions());
  const remove = useDeleteSubscription();
  const eventLabel = useEventLabel();
  const [removing, setRemoving] = useState<SubscriptionView | null>(null);
  const teamName = new Map((teams.data ?? []).map((x) => [x.id, x.name]));
  const scopeText = (s: SubscriptionScope) =>
    s.kind === "all"
      ? t("scopeAll")
      : s.kind === "teams"
        ? t("scopeTeamsText", { names: s.teams.map((id) => teamName.get(id) ?? id).join(", ") })
        : t("scopeAppsText", { count: s.taskIds.length });

  return (
    <AdminSection id="subscriptions" testId="notify-subscriptions" title={t("title")} description={t("description")} form={<NewSubscriptionForm />}>
      <DataTable
        query={list}
        empty={t("empty")}
        loading={t("loading")}
        caption={t("title")}
        columns={[{ label: t("colChannel") }, { label: t("colScope") }, { label: t("colEvents"), className: "hidden sm:table-cell" }]}
      >
        {(rows) =>
          rows.map((s) => {
            const events = (
              <ul className="flex flex-wrap gap-1">
                {s.events.map((e) => (
                  <li key={e} data-testid="notify-subscription-event" data-kind={e} className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700">
                    {eventLabel(e)}
                  </li>
                ))}
              </ul>
            );
            return (
              <tr key={s.id} data-testid="notify-subscription" data-channel={s.channelName} data-id={s.id}>
                <td className={cn(td, "font-medium text-zinc-900")}>
                  <span className="break-words">{s.channelName}</span>
                  {/* On a phone the events go under the channel (their column is hidden). */}
                  <div className="mt-1 font-normal sm:hidden">{events}</div>
                </td>
                <td className={cn(td, "text-zinc-600")} title={s.scope.kind === "apps" ? s.scope.taskIds.join(", ") : undefined}>
                  {scopeText(s.scope)}
                </td>
                <td className={cn(td, "hidden sm:table-cell")}>{events}</td>
                <td className={cn(td, "text-right")}>
                  <RowAction
                    data-testid="notify-subscription-delete"
                    aria-label={t("deleteLabel", { channel: s.channelName })}
                    onClick={() => {
                      remove.reset();
                      setRemoving(s);
                    }}
                  >
                    <TrashIcon />
                    {t("delete")}
                  </RowAction>
                </td>
              </tr>
            );
          })
        }
      </DataTable>
      <ConfirmRemoval
        id={removing?.id ?? null}
        title={t("deleteTitle", { channel: removing?.channelName ?? "" })}
        sentence={t("deleteSentence", { channel: removing?.channelName ?? "" })}
        confirmLabel={t("delete")}
        done={t("deleted", { channel: removing?.channelName ?? "" })}
        mutation={remove}
        onClose={() => setRemoving(null)}
      />
    </AdminSection>
  );
}
