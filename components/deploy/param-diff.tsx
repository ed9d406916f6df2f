"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { countChanges } from "@/lib/deploy/compare-params";
import type { ParamComparison, PreviewBody, StartPreview } from "@/lib/schemas/deploy";
import { releaseLabel } from "@/lib/schemas/record-views";
import { cn, formatInstant } from "@/lib/utils";
import { AlertIcon, SpinnerIcon } from "@/components/ui/icons";
import { useErrorText } from "@/components/errors/use-error-text";
import { SECRET_MASK } from "@/components/records/param-value";
import { useStateLabel } from "@/components/records/record-status-badge";

const STATUS_STYLE: Record<ParamComparison["status"], string> = {
  changed: "bg-amber-100 text-amber-900",
  added: "bg-emerald-100 text-emerald-900",
  removed: "bg-red-100 text-red-900",
  same: "bg-zinc-100 text-zinc-600",
  kept: "bg-sky-100 text-sky-900",
};

/** The rows compared with the task's latest record (POST /api/tasks/{taskId}/preview); the request page shows it too. */
export function ParamDiff({ preview }: { preview: UseMutationResult<StartPreview, Error, PreviewBody> }) {
  const t = useTranslations("confirm");
  const tc = useTranslations("common");
  const locale = useLocale();
  const stateLabel = useStateLabel();
  const errorText = useErrorText();

  if (preview.isPending) {
    return (
      <p data-testid="param-diff-loading" className="mt-3 flex items-center gap-2 text-xs text-zinc-500">
        <SpinnerIcon className="size-3" />
        {t("compareLoading")}
      </p>
    );
  }
  if (preview.isError) {
    return (
      <p data-testid="param-diff-error" role="alert" className="mt-3 flex gap-2 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">
        <AlertIcon className="mt-0.5 shrink-0" />
        {t("compareFailed", { reason: errorText(preview.error).title })}
      </p>
    );
  }
  const data = preview.data;
  if (!data) return null;
  if (!data.latest) return <p className="mt-3 text-xs text-zinc-600">{t("compareNone")}</p>;

  const latest = data.latest;
  const counts = countChanges(data.changes);
  const show = (c: ParamComparison, v: string | null) => (c.secret ? SECRET_MASK : v === null || v === "" ? "∅" : v);
  return (
    <div data-testid="param-diff" data-latest-record-id={latest.recordId} className="mt-3">
      <p className="text-xs font-medium text-zinc-700">
        {t("compareTitle", {
          release: releaseLabel(latest),
          time: formatInstant(latest.startTime, locale)?.local ?? tc("none"),
          operator: latest.operator ?? tc("none"),
          state: stateLabel(latest.state),
        })}
      </p>
      <p data-testid="param-diff-summary" className="mt-0.5 text-xs text-zinc-500">
        {t("compareSummary", counts)}
      </p>
      {data.changes.length > 0 && (
        <ul className="mt-1.5 max-h-56 space-y-0.5 overflow-y-auto rounded-md border border-zinc-200 bg-zinc-50 p-2 font-mono text-xs">
          {data.changes.map((c) => (
            <li
              key={c.key}
              data-testid="param-change"
              data-key={c.key}
              data-status={c.status}
              data-secret-status={c.secretStatus ?? undefined}
              className={cn("flex flex-wrap items-baseline gap-x-2 break-all", c.status === "same" && "text-zinc-500")}
            >
              <span className={cn("rounded px-1 font-sans text-[11px] leading-4", STATUS_STYLE[c.status])}>{t(`status.${c.status}`)}</span>
              <span className="text-zinc-900">{c.key}</span>
              {c.secretStatus ? (
                <span className="font-sans text-zinc-700">{t(`secretStatus.${c.secretStatus}`)}</span>
              ) : c.status === "changed" ? (
                <span>
                  <del className="text-red-700">{show(c, c.before)}</del> → <ins className="text-emerald-700 no-underline">{show(c, c.after)}</ins>
                </span>
              ) : c.status === "added" ? (
                <span className="text-emerald-700">+ {show(c, c.after)}</span>
              ) : c.status === "removed" ? (
                <span className="text-red-700">
                  − {show(c, c.before)} ({t("notSent")})
                </span>
              ) : (
                <span>{show(c, c.after)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
