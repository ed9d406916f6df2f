"use client";

import { Link } from "@/components/ui/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { TaskAnswer } from "@/lib/schemas/tasks";
import { cn } from "@/lib/utils";
import { Card } from "@/components/ui/card";
import { CheckIcon, ChevronRightIcon } from "@/components/ui/icons";
import { Time } from "@/components/ui/time";
import { TriggerRestriction } from "@/components/tasks/trigger-restriction";
import { YourAccess } from "@/components/tasks/your-access";

function Row({ label, children, mono }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <div className="grid grid-cols-[7.5rem_minmax(0,1fr)] gap-2 py-1.5">
      <dt className="text-zinc-500">{label}</dt>
      <dd className={cn("break-words text-zinc-900", mono && "font-mono text-xs leading-5 break-all")}>{children}</dd>
    </div>
  );
}

/** The task's facts beside the form: what this user may do, project, system, owner, trigger restriction, steps, latest record. */
export function TaskInfo({ task }: { task: TaskAnswer }) {
  const t = useTranslations("task");
  const none = t("none");
  return (
    <Card title={t("infoTitle")} headingId="task-info-title">
      <div className="space-y-3 px-4 py-3 text-sm">
        <YourAccess access={task.access} />
        <TriggerRestriction triggerSource={task.triggerSource} />
        <dl className="divide-y divide-zinc-100">
          <Row label={t("project")}>{task.projectName ?? none}</Row>
          <Row label={t("deploySystem")}>{task.deploySystem ?? none}</Row>
          <Row label={t("owner")}>{task.owner ?? none}</Row>
          <Row label={t("created")}>
            <Time value={task.createdAt} />
          </Row>
          <Row label={t("updated")}>
            <Time value={task.updatedAt} />
          </Row>
          <Row label={t("taskId")} mono>
            {task.taskId}
          </Row>
          {task.appId && (
            <Row label={t("appId")} mono>
              {task.appId}
            </Row>
          )}
        </dl>
        {task.steps.length > 0 && (
          <div>
            <h3 className="mb-1.5 text-xs font-medium text-zinc-500">{t("steps")}</h3>
            <ol className="space-y-1">
              {task.steps.map((s, i) => (
                <li key={s.key} className={cn("flex items-center gap-2", !s.enabled && "text-zinc-400")}>
                  <span className="flex size-5 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-[11px] font-medium text-zinc-600">
                    {i + 1}
                  </span>
                  <span className={cn("min-w-0 flex-1 truncate", !s.enabled && "line-through")}>{s.name}</span>
                  {s.enabled ? (
                    <CheckIcon className="size-3.5 text-emerald-600" aria-label={t("stepEnabled")} />
                  ) : (
                    <span className="text-xs">{t("stepDisabled")}</span>
                  )}
                </li>
              ))}
            </ol>
          </div>
        )}
        {task.lastRecordId && (
          <Link
            href={`/tasks/${task.taskId}/records/${task.lastRecordId}`}
            data-testid="last-record-link"
            className="flex items-center justify-between rounded-md border border-zinc-200 px-3 py-2 text-sm font-medium text-blue-700 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-600"
          >
            {t("lastRecord")}
            <ChevronRightIcon />
          </Link>
        )}
      </div>
    </Card>
  );
}
