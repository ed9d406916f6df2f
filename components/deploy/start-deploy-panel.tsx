"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { parseDeepLink } from "@/lib/deploy/prefill";
import type { RecordDetail, RecordSummary } from "@/lib/schemas/records";
import { recordOptions, recordParamsOptions } from "@/lib/queries/records";
import type { TaskAnswer } from "@/lib/schemas/tasks";
import { Card } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";
import { StartDeployForm } from "@/components/deploy/start-deploy-form";

/** The history's row shape for a record known by its detail (a deep link). */
const summaryOf = (r: RecordDetail): RecordSummary => ({
  recordId: r.recordId,
  releaseId: r.releaseId ?? null,
  state: r.state,
  operator: r.executor,
  startTime: r.startTime,
  endTime: r.endTime,
  duration: null,
  type: null,
});

/**
 * Reads the page's deep link (`?p.KEY=VALUE&…&record=…` to roll back, `from=…` to redeploy, `confirm=1` to open
 * the confirmation at once), loads the record it names, then shows the start form prefilled from all of it.
 * Nothing here starts a deployment: the user always confirms in the dialog.
 */
export function StartDeployPanel({ task, search, historyFrom }: { task: TaskAnswer; search: string; historyFrom?: string }) {
  const t = useTranslations("deploy");
  const link = useMemo(() => parseDeepLink(new URLSearchParams(search)), [search]);
  // A rollback target wins over a redeploy source when a link names both.
  const recordId = link.record ?? link.from;
  const detail = useQuery({ ...recordOptions(task.taskId, recordId ?? ""), enabled: recordId !== null, refetchInterval: false });
  const params = useQuery({ ...recordParamsOptions(task.taskId, recordId ?? ""), enabled: recordId !== null });

  if (recordId && (detail.isPending || params.isPending) && !detail.isError && !params.isError) {
    return (
      <Card title={t("paramsTitle")}>
        <SkeletonRows rows={4} columns={3} label={t("paramsTitle")} />
      </Card>
    );
  }
  const failed = recordId !== null && (detail.isError || params.isError);
  const record = !failed && detail.data ? summaryOf(detail.data) : null;
  return (
    <div className="space-y-5">
      {failed && <ApiErrorAlert error={detail.error ?? params.error} />}
      <StartDeployForm
        task={task}
        seed={{
          link,
          target: link.record ? record : null,
          source: link.record ? null : record,
          recordParams: failed ? null : (params.data ?? null),
          historyFrom,
        }}
      />
    </div>
  );
}
