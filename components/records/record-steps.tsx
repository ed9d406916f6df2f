"use client";

import { useTranslations } from "next-intl";
import type { RecordDetail, StepState } from "@/lib/schemas/records";
import { cn, formatElapsed } from "@/lib/utils";
import { CheckIcon, ExternalLinkIcon, SpinnerIcon } from "@/components/ui/icons";

/** The one place where a step state gets its colours. */
const STEP_STYLE: Record<StepState, { row?: string; badge: string }> = {
  pending: { badge: "bg-white text-zinc-500 ring-zinc-300" },
  running: { row: "bg-blue-50/60", badge: "bg-blue-50 text-blue-700 ring-blue-600/20" },
  succeeded: { badge: "bg-emerald-50 text-emerald-700 ring-emerald-600/20" },
  failed: { row: "bg-red-50 ring-1 ring-inset ring-red-200", badge: "bg-red-100 text-red-800 ring-red-600/30" },
  stopped: { badge: "bg-zinc-100 text-zinc-700 ring-zinc-500/25" },
  skipped: { row: "text-zinc-400", badge: "bg-white text-zinc-400 ring-zinc-200" },
  not_run: { row: "text-zinc-400", badge: "bg-white text-zinc-400 ring-zinc-200" },
  unknown: { badge: "bg-white text-zinc-500 ring-zinc-300" },
};

function StepMarker({ state, index }: { state: StepState; index: number }) {
  const base = "flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-medium";
  if (state === "running") return <SpinnerIcon aria-hidden="true" className={cn(base, "p-1 text-blue-600")} />;
  if (state === "succeeded")
    return (
      <span aria-hidden="true" className={cn(base, "bg-emerald-100 text-emerald-700")}>
        <CheckIcon className="size-3.5" />
      </span>
    );
  return (
    <span aria-hidden="true" className={cn(base, state === "failed" ? "bg-red-600 text-white" : "bg-zinc-100 text-zinc-600")}>
      {index + 1}
    </span>
  );
}

/**
 * The record's steps, each with its state and elapsed time (ShowDeployStatus, polled with the record while it
 * runs); the failing step highlighted with its FAQ link.
 */
export function RecordSteps({ record }: { record: RecordDetail }) {
  const t = useTranslations("steps");
  if (record.steps.length === 0) return <p className="px-4 py-6 text-center text-sm text-zinc-500">{t("empty")}</p>;
  return (
    <ol className="divide-y divide-zinc-100">
      {record.steps.map((step, i) => {
        const elapsed = formatElapsed(step.elapsedMs);
        const style = STEP_STYLE[step.state];
        const failed = step.state === "failed";
        return (
          <li
            key={step.id || i}
            data-testid="step-row"
            data-step-id={step.id}
            data-state={step.state}
            aria-current={step.state === "running" ? "step" : undefined}
            className={cn("flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2.5 text-sm", style.row)}
          >
            <StepMarker state={step.state} index={i} />
            <span className={cn("min-w-0 flex-1 break-words", step.state === "skipped" && "line-through")}>{step.name}</span>
            <span
              data-testid="step-state"
              className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", style.badge)}
            >
              {t(`state.${step.state}`)}
            </span>
            <span className="w-16 text-right font-mono text-xs text-zinc-500 tabular-nums" title={t("elapsed")}>
              {step.state === "pending" || step.state === "skipped" || step.state === "not_run" ? "—" : (elapsed ?? "—")}
            </span>
            {failed && (
              <p className="basis-full pl-9 text-xs text-red-800">
                {t("failedHere")}{" "}
                {step.faqUrl && (
                  <a
                    href={step.faqUrl}
                    target="_blank"
                    rel="noopener noreferrer"
                    data-testid="faq-link"
                    className="inline-flex items-center gap-1 rounded font-medium text-red-700 underline hover:text-red-900"
                  >
                    {t("faq")}
                    <ExternalLinkIcon className="size-3" />
                    <span className="sr-only">{t("opensInNewTab")}</span>
                  </a>
                )}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
