"use client";

import { useTranslations } from "next-intl";
import type { RecordDetail } from "@/lib/schemas/records";
import { cn, formatElapsed } from "@/lib/utils";
import { ExternalLinkIcon } from "@/components/ui/icons";

const FAILED = new Set(["failed", "timeout"]);

/** The record's steps with elapsed times; after a failure, the failing step's FAQ link. */
export function RecordSteps({ record }: { record: RecordDetail }) {
  const t = useTranslations("steps");
  const failed = FAILED.has(record.state);
  if (record.steps.length === 0) return <p className="px-4 py-6 text-center text-sm text-zinc-500">{t("empty")}</p>;
  return (
    <ol className="divide-y divide-zinc-100">
      {record.steps.map((step, i) => {
        const elapsed = formatElapsed(step.elapsedMs);
        return (
          <li
            key={step.id || i}
            data-testid="step-row"
            data-step-id={step.id}
            className={cn("flex flex-wrap items-center gap-3 px-4 py-2.5 text-sm", !step.enabled && "text-zinc-400")}
          >
            <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-xs font-medium text-zinc-600">{i + 1}</span>
            <span className={cn("min-w-0 flex-1 break-words", !step.enabled && "line-through")}>{step.name}</span>
            {!step.enabled && <span className="text-xs">{t("disabled")}</span>}
            {failed && step.faqUrl && (
              <a
                href={step.faqUrl}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="faq-link"
                className="inline-flex items-center gap-1 rounded text-xs font-medium text-red-700 underline hover:text-red-900"
              >
                {t("faq")}
                <ExternalLinkIcon className="size-3" />
                <span className="sr-only">{t("opensInNewTab")}</span>
              </a>
            )}
            <span className="w-16 text-right font-mono text-xs text-zinc-500 tabular-nums" title={t("elapsed")}>
              {elapsed ?? "—"}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
