"use client";

import { Link } from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { isApiError } from "@/lib/queries/api";
import { Button } from "@/components/ui/button";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";
import { InFlightSentence } from "@/components/tasks/in-flight-notice";
import { canSendAgain } from "@/components/deploy/send-again";
import { useFrozenText } from "@/components/tasks/freeze-notice";

/** A console record link inside a server message (older servers put it only there). */
const RECORD_LINK = /\/tasks\/[0-9a-z]{32}\/records\/[0-9a-z]{32}/;

/**
 * Why the start did not go through, and what to do next: send the same request again (same key), open the
 * deployment that holds the task, or — when the start is in doubt — wait for the console to settle it.
 */
export function StartRefusal({ error, taskId, onSendAgain, sending }: { error: unknown; taskId: string; onSendAgain: () => void; sending: boolean }) {
  const t = useTranslations("deploy");
  const api = isApiError(error) ? error : null;
  const frozenText = useFrozenText();
  const auditLink = (
    <Link href={`/audit?task=${encodeURIComponent(taskId)}`} className="font-medium underline hover:no-underline">
      {t("auditEntries")}
    </Link>
  );

  let action = null;
  if (api?.code === "upstream_in_doubt") {
    action = (
      <div data-testid="start-in-doubt" className="space-y-1 text-red-900">
        <p>{t("inDoubtNext")}</p>
        <p className="text-xs">{auditLink}</p>
      </div>
    );
  } else if (api?.code === "deploy_in_progress") {
    const messageLink = RECORD_LINK.exec(api.message)?.[0] ?? null;
    action = (
      <div data-testid="start-in-progress" className="space-y-1 text-red-900">
        {api.inFlight ? (
          <InFlightSentence taskId={taskId} inFlight={api.inFlight} linkTestId="conflict-record-link" />
        ) : messageLink ? (
          <p>
            <Link href={messageLink} data-testid="conflict-record-link" className="font-medium underline hover:no-underline">
              {t("openRunning")}
            </Link>
          </p>
        ) : null}
        <p className="text-xs">{auditLink}</p>
      </div>
    );
  } else if (api?.code === "change_freeze" && api.freeze) {
    action = (
      <p data-testid="start-frozen" className="text-red-900">
        {frozenText(api.freeze, false)}
      </p>
    );
  } else if (canSendAgain(error)) {
    action = (
      <div className="flex flex-wrap items-center gap-3">
        <Button size="sm" variant="secondary" data-testid="deploy-retry" pending={sending} onClick={onSendAgain}>
          {t("sendAgain")}
        </Button>
        <span className="text-xs text-red-900">{t("sendAgainHint")}</span>
      </div>
    );
  }

  return <ApiErrorAlert error={error} hidePaths="params" action={action} />;
}
