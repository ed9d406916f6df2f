"use client";

import { Link } from "@/components/ui/link";
import { useTranslations } from "next-intl";
import type { InFlight } from "@/lib/schemas/tasks";
import { cn } from "@/lib/utils";
import { AlertIcon, SpinnerIcon } from "@/components/ui/icons";
import { Time } from "@/components/ui/time";
import { place, SLOT } from "@/components/ui/place";

const TIME = SLOT.a;
const RECORD = SLOT.b;

/** Who started it, as the ledger knows them. */
export function useStarterName(): (f: Pick<InFlight, "by">) => string {
  const t = useTranslations("inFlight");
  return (f) => f.by.name || f.by.email || t("someone");
}

/** "A deployment started by … at … is running — see record …", or the in-doubt sentence, with live links. */
export function InFlightSentence({ taskId, inFlight, linkTestId = "in-flight-link" }: { taskId: string; inFlight: InFlight; linkTestId?: string }) {
  const t = useTranslations("inFlight");
  const starter = useStarterName();
  const link = inFlight.link ?? (inFlight.recordId ? `/tasks/${taskId}/records/${inFlight.recordId}` : null);
  const parts = {
    [TIME]: <Time value={inFlight.at} className="font-medium" />,
    [RECORD]: link ? (
      <Link href={link} data-testid={linkTestId} className="font-mono font-medium underline hover:no-underline">
        {(inFlight.recordId ?? "").slice(0, 8) || t("theRecord")}
      </Link>
    ) : null,
  };
  const name = starter(inFlight);
  if (inFlight.state === "in_doubt") {
    return (
      <>
        <p>{place(t("inDoubt", { name, time: TIME }), parts)}</p>
        {link && <p>{place(t("inDoubtRecord", { record: RECORD }), parts)}</p>}
      </>
    );
  }
  return <p>{link ? place(t("running", { name, time: TIME, record: RECORD }), parts) : place(t("runningNoRecord", { name, time: TIME }), parts)}</p>;
}

/**
 * A deployment of this task that may still be running, or whose start is in doubt — shown before the button is
 * pressed, with whom and when, and the record when it is known.
 */
export function InFlightNotice({ taskId, inFlight }: { taskId: string; inFlight: InFlight }) {
  const t = useTranslations("inFlight");
  const doubt = inFlight.state === "in_doubt";
  return (
    <div
      role="status"
      data-testid="in-flight-notice"
      data-state={inFlight.state}
      className={cn(
        "flex gap-3 rounded-lg border px-4 py-3 text-sm",
        doubt ? "border-amber-300 bg-amber-50 text-amber-950" : "border-blue-200 bg-blue-50 text-blue-950",
      )}
    >
      {doubt ? <AlertIcon className="mt-0.5 shrink-0 text-amber-600" /> : <SpinnerIcon className="mt-0.5 shrink-0 text-blue-600" />}
      <div className="min-w-0 space-y-1">
        <p className="font-semibold">{doubt ? t("inDoubtTitle") : t("runningTitle")}</p>
        <InFlightSentence taskId={taskId} inFlight={inFlight} />
        <p className="text-xs opacity-80">
          {t("polling")}{" "}
          <Link href={`/audit?task=${encodeURIComponent(taskId)}`} className="underline hover:no-underline">
            {t("auditLink")}
          </Link>
        </p>
      </div>
    </div>
  );
}
