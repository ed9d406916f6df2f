"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import type { ApprovalApp } from "@/lib/schemas/approvals";
import { approvalAppsOptions, useApprovalAppChange } from "@/lib/queries/approvals";
import { cn } from "@/lib/utils";
import { useAnnounce } from "@/components/ui/announcer";
import { CheckIcon } from "@/components/ui/icons";
import { Time } from "@/components/ui/time";
import { AppPicker, type AppChoice } from "@/components/admin/app-picker";
import { AddForm, AdminSection, ConfirmRemoval, RowAction } from "@/components/admin/admin-ui";
import { DataTable, td } from "@/components/ui/data-table";

/** Apps whose starts need a second person's approval (next to protected apps on /admin). */
export function ApprovalAppsPanel() {
  const t = useTranslations("approvals.admin");
  const list = useQuery(approvalAppsOptions());
  const { add, remove } = useApprovalAppChange();
  const [removing, setRemoving] = useState<ApprovalApp | null>(null);
  const taken = new Set((list.data ?? []).map((p) => p.taskId));

  return (
    <AdminSection id="approvals" testId="admin-approvals" title={t("title")} description={t("description")} form={<RequireForm taken={taken} mutation={add} />}>
      <DataTable
        query={list}
        empty={t("empty")}
        loading={t("loading")}
        caption={t("title")}
        columns={[
          { label: t("colApp") },
          { label: t("colTask"), className: "hidden md:table-cell" },
          { label: t("colBy") },
          { label: t("colSince"), className: "hidden sm:table-cell" },
        ]}
      >
        {(rows) =>
          rows.map((p) => (
            <tr key={p.taskId} data-testid="admin-approvals-row" data-app={p.appName} data-task-id={p.taskId}>
              <td className={cn(td, "font-medium text-zinc-900")}>{p.appName}</td>
              <td className={cn(td, "hidden font-mono text-xs text-zinc-600 md:table-cell")}>{p.taskId}</td>
              <td className={cn(td, "text-zinc-600")}>{p.setBy}</td>
              <td className={cn(td, "hidden whitespace-nowrap text-zinc-600 sm:table-cell")}>
                <Time value={p.setAt} />
              </td>
              <td className={cn(td, "text-right")}>
                <RowAction
                  data-testid="admin-approvals-remove"
                  aria-label={t("removeLabel", { app: p.appName })}
                  onClick={() => {
                    remove.reset();
                    setRemoving(p);
                  }}
                >
                  {t("remove")}
                </RowAction>
              </td>
            </tr>
          ))
        }
      </DataTable>
      <ConfirmRemoval
        id={removing?.taskId ?? null}
        title={t("removeTitle", { app: removing?.appName ?? "" })}
        sentence={t("removeSentence", { app: removing?.appName ?? "" })}
        confirmLabel={t("remove")}
        done={t("removed", { app: removing?.appName ?? "" })}
        mutation={remove}
        onClose={() => setRemoving(null)}
      />
    </AdminSection>
  );
}

function RequireForm({ taken, mutation }: { taken: Set<string>; mutation: ReturnType<typeof useApprovalAppChange>["add"] }) {
  const t = useTranslations("approvals.admin");
  const uid = useId();
  const announce = useAnnounce();
  const [app, setApp] = useState<AppChoice | null>(null);
  const [tried, setTried] = useState(false);
  const choice = app?.kind === "app" ? app : null;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!choice) return;
    mutation.mutate(
      { appId: choice.appId, taskId: choice.taskId, appName: choice.name },
      {
        onSuccess: () => {
          announce(t("created", { app: choice.name }), "success");
          setApp(null);
          setTried(false);
        },
      },
    );
  };

  return (
    <AddForm
      label={t("formLabel")}
      onSubmit={onSubmit}
      gridClassName="grid gap-3 lg:grid-cols-[minmax(0,1fr)_auto] lg:items-start"
      submitClassName="lg:pt-5"
      submitTestId="admin-approvals-submit"
      submitLabel={t("submit")}
      icon={<CheckIcon />}
      pending={mutation.isPending}
      error={mutation.error}
    >
      <div>
        <AppPicker id={`${uid}-app`} testId="admin-approvals-app" value={choice} onChange={setApp} taken={taken} invalid={tried && !choice} />
        {tried && !choice && <p className="mt-1 text-xs text-red-700">{t("appRequired")}</p>}
      </div>
    </AddForm>
  );
}
