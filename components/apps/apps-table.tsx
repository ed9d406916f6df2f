"use client";

import { Link } from "@/components/ui/link";
import { useTranslations } from "next-intl";
import type { AppItem } from "@/lib/schemas/apps";
import { cn } from "@/lib/utils";
import { startBlockOf } from "@/lib/deploy/start-block";
import { BanIcon, EyeIcon, LockIcon, StarIcon } from "@/components/ui/icons";
import { Time } from "@/components/ui/time";
import { ProtectedBadge } from "@/components/access/access-text";
import { useStartBlockText } from "@/components/deploy/start-block-text";
import { RecordStatusBadge } from "@/components/records/record-status-badge";
import { StartedByText } from "@/components/records/started-by";
import { ScrollBox } from "@/components/ui/scroll-box";

const th = "px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase";
const td = "px-4 py-3 align-middle";

/** The picker's table. Rows with a task are links (the whole row is the hit area, the name is the link). */
export function AppsTable({ items, busy }: { items: AppItem[]; busy: boolean }) {
  const t = useTranslations("apps");
  return (
    <ScrollBox>
      <table aria-busy={busy || undefined} className={cn("w-full text-sm transition-opacity", busy && "opacity-60")}>
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50/80">
          <tr>
            <th scope="col" className={cn(th, "w-10 pr-0")}>
              <span className="sr-only">{t("colFavourite")}</span>
            </th>
            <th scope="col" className={th}>
              {t("colName")}
            </th>
            <th scope="col" className={th}>
              {t("colState")}
            </th>
            <th scope="col" className={th}>
              {t("colLastRun")}
            </th>
            <th scope="col" className={cn(th, "hidden md:table-cell")}>
              {t("colExecutor")}
            </th>
            <th scope="col" className={cn(th, "text-right")}>
              {t("colRelease")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {items.map((app) => (
            <AppRow key={app.appId} app={app} />
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function AppRow({ app }: { app: AppItem }) {
  const t = useTranslations("apps");
  const tl = useTranslations("locks");
  const blockText = useStartBlockText();
  const linked = app.taskId !== null;
  // What the task page will say about starting it; the picker only knows the task's answer's lasting reasons.
  const block = linked ? startBlockOf(app) : null;
  const refused = block === "disabled" || block === "draft" || block === "pipeline_only" ? block : null;
  return (
    <tr
      data-testid="app-row"
      data-task-id={app.taskId ?? ""}
      data-app-id={app.appId}
      data-can-deploy={app.access.canDeploy}
      data-start-block={block ?? ""}
      className={cn(
        "relative",
        linked
          ? "hover:bg-blue-50/60 has-[a:focus-visible]:bg-blue-50 has-[a:focus-visible]:outline-2 has-[a:focus-visible]:-outline-offset-2 has-[a:focus-visible]:outline-blue-600"
          : "text-zinc-500",
      )}
    >
      <td className={cn(td, "pr-0")}>
        {app.favourite && (
          <span title={t("favourite")} className="text-amber-500">
            <StarIcon filled />
            <span className="sr-only">{t("favourite")}</span>
          </span>
        )}
      </td>
      <td className={cn(td, "max-w-xs")}>
        <div className="flex flex-wrap items-center gap-2">
          {linked ? (
            <Link href={`/tasks/${app.taskId}`} className="truncate font-medium text-zinc-900 outline-none after:absolute after:inset-0 after:content-['']">
              {app.name}
            </Link>
          ) : (
            <span className="truncate font-medium" title={t("noTask")}>
              {app.name}
            </span>
          )}
          {app.disabled && (
            <span data-testid="app-disabled" className="inline-flex items-center gap-1 rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-medium text-zinc-600">
              <BanIcon className="size-3" />
              {t("disabled")}
            </span>
          )}
          {refused && refused !== "disabled" && (
            <span
              data-testid="app-refused"
              data-block={refused}
              className="inline-flex items-center gap-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900"
            >
              <LockIcon className="size-3" />
              {t(`refused.${refused}`)}
            </span>
          )}
          {app.lock && (
            <span
              data-testid="app-locked"
              data-mine={app.lock.mine}
              title={tl("badgeTitle", { name: app.lock.by.name || app.lock.by.email || tl("someone"), reason: app.lock.reason })}
              className="inline-flex items-center gap-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900"
            >
              <LockIcon className="size-3" />
              {tl("badge")}
            </span>
          )}
          {linked && app.access.protected && <ProtectedBadge testId="app-protected" className="px-1.5" />}
          {linked && !app.access.canDeploy && (
            <span
              data-testid="app-view-only"
              title={t("viewOnlyHint")}
              className="inline-flex items-center gap-1 rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-medium text-zinc-600"
            >
              <EyeIcon className="size-3" />
              {t("viewOnly")}
              <span className="sr-only">: {t("viewOnlyHint")}</span>
            </span>
          )}
          {!linked && <span className="text-xs text-zinc-400">{t("noTask")}</span>}
        </div>
        {block === "locked" && (
          <p data-testid="app-locked-reason" className="mt-0.5 text-xs break-words text-amber-900">
            {blockText("locked", { access: app.access, inFlight: null, lock: app.lock })}
          </p>
        )}
        {refused && (
          <p data-testid="app-refused-reason" className="mt-0.5 text-xs text-amber-900">
            {blockText(refused, { access: app.access, inFlight: null })}
          </p>
        )}
        {(app.projectName || app.deploySystem) && (
          <p className="mt-0.5 truncate text-xs text-zinc-500">{[app.projectName, app.deploySystem].filter(Boolean).join(" · ")}</p>
        )}
      </td>
      <td className={td}>
        <RecordStatusBadge state={app.lastState} />
      </td>
      <td className={cn(td, "whitespace-nowrap text-zinc-600")}>
        <Time value={app.lastRunAt} />
      </td>
      <td className={cn(td, "hidden text-zinc-600 md:table-cell")}>
        <StartedByText by={app.lastRunBy} iamUser={app.executor} compact />
      </td>
      <td className={cn(td, "text-right font-mono text-xs text-zinc-600 tabular-nums")}>{app.releaseId !== null ? `#${app.releaseId}` : t("none")}</td>
    </tr>
  );
}
