"use client";

import { useTranslations } from "next-intl";
import type { StartBlock } from "@/lib/deploy/start-block";
import type { TaskAnswer } from "@/lib/schemas/tasks";
import { LockIcon } from "@/components/ui/icons";
import { useDenyText } from "@/components/access/access-text";
import { useStarterName } from "@/components/tasks/in-flight-notice";
import { useFrozenText } from "@/components/tasks/freeze-notice";

/** What the sentence may name: who holds the task, which freeze windows (and whether the start is a rollback). */
type BlockedTask = Pick<TaskAnswer, "access" | "inFlight"> & { lock?: TaskAnswer["lock"]; freeze?: TaskAnswer["freeze"]; rollback?: boolean };

/** Why a start cannot succeed now, in one sentence: whom to ask, what CodeArts would answer, or what runs. */
export function useStartBlockText(): (block: StartBlock, task: BlockedTask) => string {
  const t = useTranslations("deploy");
  const denyText = useDenyText();
  const starter = useStarterName();
  const frozen = useFrozenText();
  return (block, task) => {
    switch (block) {
      case "denied":
        return denyText(task.access);
      case "locked":
        return task.lock ? t("blockedLocked", { name: task.lock.by.name || task.lock.by.email || "?", reason: task.lock.reason }) : t("blocked.locked");
      case "frozen":
        return task.freeze ? frozen(task.freeze, task.rollback ?? false) : t("blocked.locked");
      case "running":
        return task.inFlight ? t("blockedRunning", { name: starter(task.inFlight) }) : t("blockedInDoubt");
      case "in_doubt":
        return t("blockedInDoubt");
      case "disabled":
      case "draft":
      case "pipeline_only":
        return t(`blocked.${block}`);
    }
  };
}

/** The block as a notice (the task page's top, the record page's actions): the same sentence as the submit bar's. */
export function StartBlockNotice({ block, task, testId }: { block: StartBlock; task: BlockedTask; testId: string }) {
  const text = useStartBlockText();
  return (
    <p data-testid={testId} data-block={block} className="flex gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <LockIcon className="mt-0.5 shrink-0 text-amber-600" />
      {text(block, task)}
    </p>
  );
}
