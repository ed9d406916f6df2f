"use client";

import { useTranslations } from "next-intl";
import { Link } from "@/components/ui/link";
import { buttonClass } from "@/components/ui/button";
import { PencilIcon, RepeatIcon, UndoIcon } from "@/components/ui/icons";

/**
 * From any finished record: redeploy its parameters (straight to the confirmation, with the diff), open the form
 * prefilled with them to edit first, or roll back to it. Each is a link to the task page — nothing starts here.
 */
export function RecordActions({ taskId, recordId }: { taskId: string; recordId: string }) {
  const t = useTranslations("record");
  const base = `/tasks/${taskId}`;
  return (
    <div className="flex flex-wrap gap-2">
      <Link data-testid="redeploy-same" href={`${base}?from=${recordId}&confirm=1`} className={buttonClass("primary", "sm")} title={t("redeployTitle")}>
        <RepeatIcon />
        {t("redeploy")}
      </Link>
      <Link data-testid="redeploy-edit" href={`${base}?from=${recordId}`} className={buttonClass("secondary", "sm")}>
        <PencilIcon />
        {t("editRedeploy")}
      </Link>
      <Link data-testid="rollback-to" href={`${base}?record=${recordId}`} className={buttonClass("secondary", "sm")}>
        <UndoIcon />
        {t("rollbackTo")}
      </Link>
    </div>
  );
}
