"use client";

import { useTranslations } from "next-intl";
import type { StartBlock } from "@/lib/deploy/start-block";
import type { RecordSummary } from "@/lib/schemas/records";
import { releaseLabel } from "@/lib/schemas/record-views";
import type { TaskAnswer } from "@/lib/schemas/tasks";
import { Button } from "@/components/ui/button";
import { LockIcon, RepeatIcon, RocketIcon } from "@/components/ui/icons";
import { useStartBlockText } from "@/components/deploy/start-block-text";
import { DEPLOY_SHORTCUT, ShortcutHint } from "@/components/deploy/deploy-shortcut";

/**
 * The form's sticky foot: why the user may not deploy (startBlockOf: no right, a start CodeArts is sure to refuse,
 * a deployment still running or in doubt) or what the button will do, and the button itself.
 */
export function SubmitBar({
  hintId,
  buttonId,
  task,
  block,
  rollback,
  source,
  busy,
}: {
  hintId: string;
  buttonId: string;
  task: Pick<TaskAnswer, "access" | "inFlight" | "approvalRequired">;
  block: StartBlock | null;
  rollback: RecordSummary | null;
  source: RecordSummary | null;
  busy: boolean;
}) {
  const t = useTranslations("deploy");
  const ta = useTranslations("approvals");
  const blockText = useStartBlockText();
  const { access } = task;
  return (
    <div className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center justify-end gap-3 border-t border-zinc-200 bg-zinc-50/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:border">
      {block ? (
        <p
          id={hintId}
          data-testid={block === "denied" ? "deploy-denied-reason" : "deploy-blocked-reason"}
          data-block={block}
          className="mr-auto flex max-w-prose gap-2 text-sm text-amber-900"
        >
          <LockIcon className="mt-0.5 shrink-0 text-amber-600" />
          {blockText(block, task)}
        </p>
      ) : (
        <p id={hintId} className="mr-auto text-xs text-zinc-500">
          {task.approvalRequired
            ? ta("hintRequest")
            : rollback
              ? t("hintRollback", { release: releaseLabel(rollback) })
              : source
                ? t("hintRedeploy", { release: releaseLabel(source) })
                : access.protected
                  ? t("hintProtected")
                  : t("hintDeploy")}
        </p>
      )}
      {block === null && <ShortcutHint />}
      <Button
        type="submit"
        id={buttonId}
        data-testid="deploy-button"
        aria-keyshortcuts={DEPLOY_SHORTCUT}
        variant={rollback ? "danger" : "primary"}
        pending={busy}
        disabled={block !== null}
        aria-describedby={block ? hintId : undefined}
      >
        {source ? <RepeatIcon /> : <RocketIcon />}
        {task.approvalRequired ? ta("requestButton") : rollback ? t("rollbackButton") : t("deployButton")}
      </Button>
    </div>
  );
}
