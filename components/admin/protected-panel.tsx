"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import type { ProtectedApp } from "@/lib/schemas/admin";
import { protectedAppsOptions, useProtectApp, useUnprotectApp } from "@/lib/queries/admin";
import { cn } from "@/lib/utils";
import { useAnnounce } from "@/components/ui/announcer";
import { ShieldIcon } from "@/components/ui/icons";
import { Time } from "@/components/ui/time";
import { AppPicker, type AppChoice } from "@/components/admin/app-picker";
import { AddForm, AdminSection, ConfirmRemoval, RowAction } from "@/components/admin/admin-ui";
import { DataTable, td } from "@/components/ui/data-table";

/** Protected applications: starting or rolling them back needs the typed name and a reason. */
export function ProtectedPanel() {
  const t = useTranslations("admin.protected");
  const list = useQuery(protectedAppsOptions());
  const unprotect = useUnprotectApp();
  const [removing, setRemoving] = useState<ProtectedApp | null>(null);
  const taken = new Set((list.data ?? []).map((p) => p.taskId));

  return (
    <AdminSection id="protected" testId="admin-protected" title={t("title")} description={t("description")} form={<ProtectForm taken={taken} />}>
      <DataTable
        query={list}
        empty={t("empty")}
        loading={t("loading")}
        caption={t("caption")}
        columns={[
          { label: t("colApp") },
          { label: t("colTask"), className: "hidden md:table-cell" },
          { label: t("colBy") },
          { label: t("colSince"), className: "hidden sm:table-cell" },
        ]}
      >
        {(rows) =>
          rows.map((p) => (
            <tr key={p.taskId} data-testid="admin-protected-row" data-app={p.appName} data-task-id={p.taskId}>
              <td className={cn(td, "font-medium text-zinc-900")}>
                <span className="inline-flex items-center gap-1.5">
                  <ShieldIcon className="size-3.5 text-violet-700" />
                  {p.appName}
                </span>
              </td>
              <td className={cn(td, "hidden font-mono text-xs text-zinc-600 md:table-cell")}>{p.taskId}</td>
              <td className={cn(td, "text-zinc-600")}>{p.createdBy}</td>
              <td className={cn(td, "hidden whitespace-nowrap text-zinc-600 sm:table-cell")}>
                <Time value={p.createdAt} />
              </td>
              <td className={cn(td, "text-right")}>
                <RowAction
                  data-testid="admin-protected-remove"
                  aria-label={t("unprotectLabel", { app: p.appName })}
                  onClick={() => {
                    unprotect.reset();
                    setRemoving(p);
                  }}
                >
                  {t("unprotect")}
                </RowAction>
              </td>
            </tr>
          ))
        }
      </DataTable>
      <ConfirmRemoval
        id={removing?.taskId ?? null}
        title={t("unprotectTitle", { app: removing?.appName ?? "" })}
        sentence={t("unprotectSentence", { app: removing?.appName ?? "" })}
        confirmLabel={t("unprotect")}
        done={t("removed", { app: removing?.appName ?? "" })}
        mutation={unprotect}
        onClose={() => setRemoving(null)}
      />
    </AdminSection>
  );
}

function ProtectForm({ taken }: { taken: Set<string> }) {
  const t = useTranslations("admin.protected");
  const uid = useId();
  const announce = useAnnounce();
  const protect = useProtectApp();
  const [app, setApp] = useState<AppChoice | null>(null);
  const [tried, setTried] = useState(false);
  const choice = app?.kind === "app" ? app : null;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!choice) return;
    protect.mutate(
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
      submitTestId="admin-protected-submit"
      submitLabel={t("submit")}
      icon={<ShieldIcon />}
      pending={protect.isPending}
      error={protect.error}
    >
      <div>
        <AppPicker id={`${uid}-app`} testId="admin-protected-app" value={choice} onChange={setApp} taken={taken} invalid={tried && !choice} />
        {tried && !choice && <p className="mt-1 text-xs text-red-700">{t("appRequired")}</p>}
      </div>
    </AddForm>
  );
}
