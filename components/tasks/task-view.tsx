"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Link } from "@/components/ui/link";
import { startBlockOf, type StartBlock } from "@/lib/deploy/start-block";
import { isApiError } from "@/lib/queries/api";
import { taskOptions } from "@/lib/queries/tasks";
import { AlertIcon, BanIcon } from "@/components/ui/icons";
import { DetailSkeleton, PageHeading } from "@/components/layout/page-heading";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { StartDeployPanel } from "@/components/deploy/start-deploy-panel";
import { InFlightNotice } from "@/components/tasks/in-flight-notice";
import { LockNotice, LockPanel } from "@/components/tasks/lock-panel";
import { FreezeNotice } from "@/components/tasks/freeze-notice";
import { TaskInfo } from "@/components/tasks/task-info";
import { MissingResource } from "@/components/errors/missing-resource";
import { ProtectedBadge } from "@/components/access/access-text";
import { StartBlockNotice } from "@/components/deploy/start-block-text";

/** Blocks the page states at its top; the others (no right, a deployment running) have their own places. */
const UPFRONT: readonly StartBlock[] = ["disabled", "draft", "pipeline_only"];

/** The task page: what the task is, and the form that starts (or rolls back) a deployment. `watch`: the Watch toggle. */
export function TaskView({ taskId, search, historyFrom, watch }: { taskId: string; search: string; historyFrom?: string; watch?: ReactNode }) {
  const t = useTranslations("task");
  const query = useQuery({
    ...taskOptions(taskId),
    // Without the task there is nothing to show: let error.tsx (with its retry) take the page; 404 stays here.
    // Without it there is nothing to show: let error.tsx (with its retry) take the page; 404 and 403 stay here.
    throwOnError: (error, q) => q.state.data === undefined && !(isApiError(error) && [403, 404].includes(error.status)),
  });

  if (query.isError && isApiError(query.error) && query.error.status === 403) {
    return <MissingResource title={t("forbiddenTitle")} body={t("forbiddenBody")} error={query.error} testId="forbidden" />;
  }
  if (query.isError && isApiError(query.error) && query.error.status === 404) {
    return <MissingResource title={t("notFoundTitle")} body={t("notFoundBody")} error={query.error} />;
  }
  const task = query.data;
  if (!task) return <DetailSkeleton label={t("loading")} panels={2} />;
  const block = startBlockOf(task);

  return (
    <div className="space-y-5">
      <Breadcrumbs items={[{ href: "/apps", label: t("breadcrumbApps") }, { label: task.name }]} />
      <PageHeading title={task.name} description={task.description ?? undefined} actions={watch}>
        <div className="mt-2 flex flex-wrap gap-2 empty:hidden">
          {task.access.protected && <ProtectedBadge testId="task-protected" />}
          {task.draft && (
            <span data-testid="task-draft" className="inline-flex items-center gap-1 rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">
              <AlertIcon className="size-3" />
              {t("draft")}
            </span>
          )}
          {task.disabled && (
            <span data-testid="task-disabled" className="inline-flex items-center gap-1 rounded bg-zinc-200 px-2 py-0.5 text-xs font-medium text-zinc-700">
              <BanIcon className="size-3" />
              {t("disabled")}
            </span>
          )}
        </div>
      </PageHeading>
      {/* What CodeArts is sure to refuse, said before anything is filled in (the submit bar repeats it). */}
      {block && UPFRONT.includes(block) && <StartBlockNotice block={block} task={task} testId="task-start-block" />}
      {task.inFlight && <InFlightNotice taskId={task.taskId} inFlight={task.inFlight} />}
      {/* Someone's deploy lock, before anything is filled in; the controls sit with the task's facts. */}
      {task.lock && <LockNotice lock={task.lock} />}
      {/* A freeze window in force or opening within 7 days, before the form is filled. */}
      <FreezeNotice freeze={task.freeze} />
      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0">
          <StartDeployPanel key={search} task={task} search={search} historyFrom={historyFrom} />
        </div>
        <aside className="min-w-0 space-y-3 lg:order-last">
          <LockPanel task={task} />
          <TaskInfo task={task} />
          <p className="mt-3 text-xs text-zinc-500">
            <Link href="/apps" className="underline hover:text-zinc-800">
              {t("backToApps")}
            </Link>
          </p>
        </aside>
      </div>
    </div>
  );
}
