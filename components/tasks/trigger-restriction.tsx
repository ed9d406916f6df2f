"use client";

import { useTranslations } from "next-intl";
import type { TaskDetail } from "@/lib/schemas/tasks";
import { cn } from "@/lib/utils";
import { AlertIcon, InfoIcon } from "@/components/ui/icons";

/** Who may start this task. "Pipeline only" means CodeArts refuses starts from this console. */
export function TriggerRestriction({ triggerSource }: { triggerSource: TaskDetail["triggerSource"] }) {
  const t = useTranslations("task");
  const pipelineOnly = triggerSource === "1";
  return (
    <div
      data-testid="trigger-restriction"
      data-trigger-source={triggerSource ?? ""}
      role={pipelineOnly ? "note" : undefined}
      className={cn(
        "flex gap-2 rounded-md px-3 py-2 text-sm",
        pipelineOnly ? "border border-amber-300 bg-amber-50 text-amber-900" : "bg-zinc-50 text-zinc-700",
      )}
    >
      {pipelineOnly ? <AlertIcon className="mt-0.5 shrink-0 text-amber-600" /> : <InfoIcon className="mt-0.5 shrink-0 text-zinc-400" />}
      <div>
        <p className="font-medium">{pipelineOnly ? t("triggerPipeline") : triggerSource === "0" ? t("triggerAnyone") : t("triggerUnknown")}</p>
        {pipelineOnly && <p className="mt-0.5 text-xs">{t("triggerPipelineWarning")}</p>}
      </div>
    </div>
  );
}
