"use client";

import { useId } from "react";
import { useTranslations } from "next-intl";
import { startBlockOf } from "@/lib/deploy/start-block";
import type { TaskAnswer } from "@/lib/schemas/tasks";
import { Link } from "@/components/ui/link";
import { Button, buttonClass } from "@/components/ui/button";
import { PencilIcon, RepeatIcon, UndoIcon } from "@/components/ui/icons";
import { useStartBlockText } from "@/components/deploy/start-block-text";

/**
 * From any finished record: redeploy its parameters (straight to the confirmation, with the diff), open the form
 * prefilled with them to edit first, or roll back to it. Each is a link to the task page — nothing starts here.
 * When this user may not start the task, or CodeArts is sure to refuse it (startBlockOf), the actions stand
 * disabled with the reason instead (a freeze that lets rollbacks through leaves "roll back to" enabled); a
 * deployment still running is left to the task page, which says so.
 */
export function RecordActions({ taskId, recordId, task }: { taskId: string; recordId: string; task: TaskAnswer | undefined }) {
  const t = useTranslations("record");
  const blockText = useStartBlockText();
  const id = useId();
  // A freeze window may let rollbacks through while it refuses redeploys.
  const block = task ? startBlockOf({ ...task, inFlight: null }) : null;
  const rollbackBlock = task ? startBlockOf({ ...task, inFlight: null, rollback: true }) : null;
  const base = `/tasks/${taskId}`;
  const actions = [
    {
      testId: "redeploy-same",
      href: `${base}?from=${recordId}&confirm=1`,
      variant: "primary",
      Icon: RepeatIcon,
      label: t("redeploy"),
      title: t("redeployTitle"),
      blocked: block,
    },
    {
      testId: "redeploy-edit",
      href: `${base}?from=${recordId}`,
      variant: "secondary",
      Icon: PencilIcon,
      label: t("editRedeploy"),
      title: undefined,
      blocked: block,
    },
    {
      testId: "rollback-to",
      href: `${base}?record=${recordId}`,
      variant: "secondary",
      Icon: UndoIcon,
      label: t("rollbackTo"),
      title: undefined,
      blocked: rollbackBlock,
    },
  ] as const;
  return (
    <div className={block ? "flex max-w-md flex-wrap items-center justify-end gap-2" : "flex flex-wrap gap-2"}>
      {task && block && (
        <p id={id} data-testid="record-actions-blocked" data-block={block} className="w-full text-xs text-amber-900 sm:text-right">
          {blockText(block, task)}
        </p>
      )}
      {actions.map(({ testId, href, variant, Icon, label, title, blocked }) =>
        blocked ? (
          <Button key={testId} data-testid={testId} size="sm" disabled aria-describedby={id}>
            <Icon />
            {label}
          </Button>
        ) : (
          <Link key={testId} data-testid={testId} href={href} className={buttonClass(variant, "sm")} title={title}>
            <Icon />
            {label}
          </Link>
        ),
      )}
    </div>
  );
}
