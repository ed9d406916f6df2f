"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, type ReactNode } from "react";
import { isApiError } from "@/lib/queries/api";
import { recordOptions, startResultOptions } from "@/lib/queries/records";
import { taskOptions } from "@/lib/queries/tasks";
import { formatElapsed } from "@/lib/utils";
import { releaseLabel } from "@/lib/schemas/record-views";
import { useAnnounce } from "@/components/ui/announcer";
import { Card } from "@/components/ui/card";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
import { Time } from "@/components/ui/time";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { DetailSkeleton, PageHeading } from "@/components/layout/page-heading";
import { MissingResource } from "@/components/errors/missing-resource";
import { ComponentsTable, mergeComponents } from "@/components/records/components-table";
import { LogView } from "@/components/records/log-view";
import { RecordActions } from "@/components/records/record-actions";
import { RecordLedger } from "@/components/records/record-ledger";
import { RecordParamsList } from "@/components/records/record-params-list";
import { RecordStatusBadge, useStateLabel } from "@/components/records/record-status-badge";
import { RecordSteps } from "@/components/records/record-steps";
import { StartedByText } from "@/components/records/started-by";
import { LockNotice } from "@/components/tasks/lock-panel";
import { Link } from "@/components/ui/link";
import { StopButton, StopDenied } from "@/components/records/stop-button";

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd data-testid={testId} className="mt-0.5 text-sm break-all text-zinc-900">
        {children}
      </dd>
    </div>
  );
}

function durationOf(start: string | null, end: string | null): string | null {
  if (!start || !end) return null;
  return formatElapsed(Date.parse(end) - Date.parse(start));
}

/** The record page: live state (polled while running), steps, AOM components, parameters and the log. `watch`: the Watch toggle. */
export function RecordView({ taskId, recordId, watch }: { taskId: string; recordId: string; watch?: ReactNode }) {
  const t = useTranslations("record");
  const tc = useTranslations("common");
  const stateLabel = useStateLabel();
  const announce = useAnnounce();
  const query = useQuery({
    ...recordOptions(taskId, recordId),
    // Without it there is nothing to show: let error.tsx (with its retry) take the page; 404 and 403 stay here.
    throwOnError: (error, q) => q.state.data === undefined && !(isApiError(error) && [403, 404].includes(error.status)),
  });
  const startResult = useQuery(startResultOptions(taskId, recordId)).data;
  const record = query.data;
  // The task's answer says whether this user may stop a running record, or redeploy and roll back a finished one.
  const running = record !== undefined && !record.finished;
  const taskQuery = useQuery(taskOptions(taskId));
  const access = taskQuery.data?.access;

  // Announce the end of a run watched on this page (not the state of a record opened after it ended).
  const sawRunning = useRef(false);
  useEffect(() => {
    if (!record) return;
    if (!record.finished) sawRunning.current = true;
    else if (sawRunning.current) {
      sawRunning.current = false;
      announce(t("finished", { state: stateLabel(record.state) }), record.state === "succeeded" ? "success" : "error");
    }
  }, [record, announce, t, stateLabel]);

  if (query.isError && isApiError(query.error) && query.error.status === 403) {
    return <MissingResource title={t("forbiddenTitle")} body={t("forbiddenBody")} error={query.error} testId="forbidden" />;
  }
  if (query.isError && isApiError(query.error) && query.error.status === 404) {
    // CodeArts forgets records after about 92 days; the console's ledger still says who started it and how.
    return (
      <div className="space-y-5">
        <MissingResource title={t("notFoundTitle")} body={t("notFoundBody")} error={query.error} />
        <RecordLedger taskId={taskId} recordId={recordId} running={false} />
      </div>
    );
  }
  if (!record) return <DetailSkeleton label={t("loading")} panels={3} />;

  // What the record produced when captured; otherwise the task's current mapping, plus what the start returned.
  const components = mergeComponents(record.components, record.componentsAsOf === "finished" ? undefined : startResult?.components);
  const jobName = record.jobName ?? startResult?.jobName ?? null;

  return (
    <div className="space-y-5">
      <Breadcrumbs
        items={[
          { href: "/apps", label: t("breadcrumbApps") },
          { href: `/tasks/${taskId}`, label: record.taskName ?? taskId.slice(0, 8) },
          { label: t("breadcrumbRecord", { id: releaseLabel(record) }) },
        ]}
      />
      <PageHeading
        title={
          <span className="flex flex-wrap items-center gap-3">
            {t("heading", { task: record.taskName ?? taskId.slice(0, 8) })}
            <RecordStatusBadge state={record.state} testId="record-state" className="text-sm" />
          </span>
        }
        actions={
          <>
            {watch}
            <HydratedFieldset>
              {running ? (
                access && !access.canDeploy ? (
                  <StopDenied access={access} />
                ) : (
                  // Unknown access (task not loaded, or it failed to load): the stop route decides.
                  <StopButton taskId={taskId} recordId={recordId} label={releaseLabel(record)} disabled={taskQuery.isPending} />
                )
              ) : (
                <RecordActions taskId={taskId} recordId={recordId} task={taskQuery.data} />
              )}
            </HydratedFieldset>
          </>
        }
      />

      {taskQuery.data?.lock && <LockNotice lock={taskQuery.data.lock} testId="record-lock-notice" />}
      <Card>
        <dl className="grid grid-cols-1 gap-4 px-4 py-4 sm:grid-cols-2 lg:grid-cols-3">
          <Fact label={t("recordId")} testId="record-id">
            <span className="font-mono text-xs">{record.recordId}</span>
          </Fact>
          <Fact label={t("jobName")} testId="job-name">
            {jobName ? (
              <span className="font-mono text-xs">{jobName}</span>
            ) : (
              <span className="text-zinc-500" title={t("jobNameUnknown")}>
                {t("jobNameUnknownShort")}
              </span>
            )}
          </Fact>
          <Fact label={t("executor")} testId="record-started-by">
            <StartedByText by={record.startedBy} iamUser={record.executor} />
          </Fact>
          <Fact label={t("started")} testId="record-started">
            <Time value={record.startTime} />
          </Fact>
          <Fact label={t("ended")}>
            <Time value={record.endTime} />
          </Fact>
          <Fact label={t("duration")}>
            <span className="font-mono text-xs">{durationOf(record.startTime, record.endTime) ?? tc("none")}</span>
          </Fact>
          {record.rollbackOf && (
            <Fact label={t("rollbackOf")} testId="record-rollback-of">
              <Link
                href={`/tasks/${taskId}/records/${record.rollbackOf.recordId}`}
                title={record.rollbackOf.recordId}
                className="text-blue-700 hover:underline"
              >
                {releaseLabel(record.rollbackOf)}
              </Link>
            </Fact>
          )}
          {record.reason && (
            <Fact label={t("reason")} testId="record-reason">
              <span className="break-words whitespace-pre-wrap">{record.reason}</span>
            </Fact>
          )}
        </dl>
        {!record.finished && <p className="border-t border-zinc-100 px-4 py-2 text-xs text-zinc-500">{t("polling")}</p>}
      </Card>

      <div className="grid gap-5 lg:grid-cols-2">
        <Card title={t("stepsTitle")} headingId="record-steps-title">
          <RecordSteps record={record} />
        </Card>
        <Card title={t("paramsTitle")} headingId="record-params-title" description={t("paramsDescription")}>
          <RecordParamsList taskId={taskId} recordId={recordId} testId="record-params" />
        </Card>
      </div>

      <RecordLedger taskId={taskId} recordId={recordId} running={running} />

      <LogView taskId={taskId} recordId={recordId} finished={record.finished} />

      <Card title={t("componentsTitle")} description={t("componentsDescription")} headingId="record-components-title">
        <ComponentsTable rows={components} asOf={record.componentsAsOf} capturedAt={record.componentsCapturedAt ?? null} />
      </Card>
    </div>
  );
}
