"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import type { ProtectedApp } from "@/lib/schemas/access";
import { protectedAppsOptions, useProtectApp, useUnprotectApp } from "@/lib/queries/admin";
import { cn } from "@/lib/utils";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { ShieldIcon } from "@/components/ui/icons";
import { Time } from "@/components/ui/time";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";
import { AppPicker, type AppChoice } from "@/components/admin/app-picker";
import {
  AdminSection,
  ConfirmDialog,
  ListState,
  tableClass,
  tableWrap,
  tbodyClass,
  td,
  th,
  theadClass,
} from "@/components/admin/admin-ui";

/** Protected applications: starting or rolling them back needs the typed name and a reason. */
export function ProtectedPanel() {
  const t = useTranslations("admin.protected");
  const ta = useTranslations("admin");
  const announce = useAnnounce();
  const list = useQuery(protectedAppsOptions());
  const unprotect = useUnprotectApp();
  const [removing, setRemoving] = useState<ProtectedApp | null>(null);
  const taken = new Set((list.data ?? []).map((p) => p.taskId));

  return (
    <AdminSection
      id="protected"
      testId="admin-protected"
      title={t("title")}
      description={t("description")}
      form={<ProtectForm taken={taken} />}
    >
      <ListState query={list} empty={t("empty")} loading={t("loading")} />
      {list.data && list.data.length > 0 && (
        <div className={tableWrap}>
          <table className={tableClass}>
            <caption className="sr-only">{t("caption")}</caption>
            <thead className={theadClass}>
              <tr>
                <th scope="col" className={th}>
                  {t("colApp")}
                </th>
                <th scope="col" className={cn(th, "hidden md:table-cell")}>
                  {t("colTask")}
                </th>
                <th scope="col" className={th}>
                  {t("colBy")}
                </th>
                <th scope="col" className={cn(th, "hidden sm:table-cell")}>
                  {t("colSince")}
                </th>
                <th scope="col" className={cn(th, "text-right")}>
                  <span className="sr-only">{ta("actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className={tbodyClass}>
              {list.data.map((p) => (
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
                    <Button
                      size="sm"
                      variant="ghost"
                      data-testid="admin-protected-remove"
                      aria-label={t("unprotectLabel", { app: p.appName })}
                      onClick={() => {
                        unprotect.reset();
                        setRemoving(p);
                      }}
                    >
                      {t("unprotect")}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t("unprotectTitle", { app: removing?.appName ?? "" })}
        confirmLabel={t("unprotect")}
        pending={unprotect.isPending}
        error={unprotect.error}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (!removing) return;
          unprotect.mutate(removing.taskId, {
            onSuccess: () => {
              announce(t("removed", { app: removing.appName }), "success");
              setRemoving(null);
            },
          });
        }}
      >
        {t("unprotectSentence", { app: removing?.appName ?? "" })}
      </ConfirmDialog>
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
    <form noValidate onSubmit={onSubmit} aria-label={t("formLabel")} className="space-y-3">
      <div className="grid gap-3 lg:grid-cols-[minmax(0,1fr)_auto] lg:items-start">
        <div>
          <AppPicker
            id={`${uid}-app`}
            testId="admin-protected-app"
            value={choice}
            onChange={setApp}
            taken={taken}
            invalid={tried && !choice}
          />
          {tried && !choice && <p className="mt-1 text-xs text-red-700">{t("appRequired")}</p>}
        </div>
        <div className="lg:pt-5">
          <Button type="submit" variant="primary" data-testid="admin-protected-submit" pending={protect.isPending}>
            <ShieldIcon />
            {t("submit")}
          </Button>
        </div>
      </div>
      {protect.isError && <ApiErrorAlert error={protect.error} />}
    </form>
  );
}
