"use client";

import { Link } from "@/components/ui/link";
import { useTranslations } from "next-intl";
import type { RecordSummary } from "@/lib/schemas/records";
import { releaseLabel } from "@/lib/schemas/record-views";
import { cn, durationText } from "@/lib/utils";
import { ChevronRightIcon } from "@/components/ui/icons";
import { Time } from "@/components/ui/time";
import { RecordStatusBadge } from "@/components/records/record-status-badge";
import { StartedByText } from "@/components/records/started-by";

const historyTh = "px-3 py-2 text-left text-xs font-medium text-zinc-500";
const td = "px-3 py-2.5";

/** "#12", or the short record id when the cloud gave no release #. */

/**
 * The history table's header row (the first column holds the radio buttons). Columns appear by the width of the
 * table's container (`@container` in the picker), not of the viewport: the card is narrower than the page.
 */
export function HistoryHead() {
  const t = useTranslations("rollback");
  const th = useTranslations("history");
  return (
    <tr>
      <th scope="col" className={cn(historyTh, "w-10")}>
        <span className="sr-only">{t("colSelect")}</span>
      </th>
      <th scope="col" className={historyTh}>
        {t("colRelease")}
      </th>
      <th scope="col" className={historyTh}>
        {t("colState")}
      </th>
      <th scope="col" className={cn(historyTh, "hidden @md:table-cell")}>
        {t("colOperator")}
      </th>
      <th scope="col" className={historyTh}>
        {t("colStart")}
      </th>
      <th scope="col" className={cn(historyTh, "hidden @6xl:table-cell")}>
        {th("colEnd")}
      </th>
      <th scope="col" className={cn(historyTh, "hidden @lg:table-cell")}>
        {t("colDuration")}
      </th>
      <th scope="col" className={cn(historyTh, "hidden @2xl:table-cell")}>
        {th("colReason")}
      </th>
      <th scope="col" className={historyTh}>
        <span className="sr-only">{th("colRecord")}</span>
      </th>
    </tr>
  );
}

/** One record of the task's history: selecting it (row or radio) picks it as the rollback target. */
export function HistoryRow({
  taskId,
  record: r,
  checked,
  radioName,
  onSelect,
}: {
  taskId: string;
  record: RecordSummary;
  checked: boolean;
  radioName: string;
  onSelect: (record: RecordSummary) => void;
}) {
  const t = useTranslations("rollback");
  const th = useTranslations("history");
  const tc = useTranslations("common");
  const release = releaseLabel(r);
  const target = r.rollbackOf ?? null;
  return (
    <tr
      data-testid="rollback-record"
      data-record-id={r.recordId}
      aria-selected={checked}
      onClick={() => onSelect(r)}
      className={cn("cursor-pointer", checked ? "bg-blue-50" : "hover:bg-zinc-50")}
    >
      <td className={td}>
        <input
          type="radio"
          name={radioName}
          checked={checked}
          onChange={() => onSelect(r)}
          onKeyDown={(e) => {
            // Enter picks the focused record (and does not submit the form).
            if (e.key === "Enter" && !e.ctrlKey && !e.metaKey) {
              e.preventDefault();
              onSelect(r);
            }
          }}
          aria-label={t("selectRecord", { release })}
          className="size-4 accent-blue-600"
        />
      </td>
      <td className={td}>
        <span className="font-mono text-xs tabular-nums">{release}</span>
        {target && (
          <span
            data-testid="history-rollback-of"
            data-target-record-id={target.recordId}
            title={th("rollbackOfTitle", { recordId: target.recordId })}
            className="ml-2 inline-flex items-center rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-violet-800 ring-1 ring-violet-600/20 ring-inset"
          >
            {th("rollbackOf", { release: releaseLabel(target) })}
          </span>
        )}
      </td>
      <td className={td}>
        <RecordStatusBadge state={r.state} />
      </td>
      <td className={cn(td, "hidden text-zinc-600 @md:table-cell")}>
        <StartedByText by={r.startedBy} iamUser={r.operator} compact />
      </td>
      <td className={cn(td, "whitespace-nowrap text-zinc-600")}>
        <Time value={r.startTime} />
        {/* Where the Ended column does not fit, the end time sits under the start. */}
        {r.endTime && (
          <span className="block text-xs text-zinc-500 @6xl:hidden">
            <span className="sr-only">{th("colEnd")}: </span>
            <span aria-hidden>→ </span>
            <Time value={r.endTime} />
          </span>
        )}
      </td>
      <td className={cn(td, "hidden whitespace-nowrap text-zinc-600 @6xl:table-cell")}>
        <Time value={r.endTime} />
      </td>
      <td className={cn(td, "hidden font-mono text-xs text-zinc-600 tabular-nums @lg:table-cell")}>{durationText(r.duration) ?? tc("none")}</td>
      <td className={cn(td, "hidden text-zinc-700 @2xl:table-cell")}>
        {r.reason ? (
          <span data-testid="history-reason" title={r.reason} className="block max-w-[10rem] truncate @5xl:max-w-[16rem]">
            {r.reason}
          </span>
        ) : (
          <span className="text-zinc-500">{tc("none")}</span>
        )}
      </td>
      <td className="px-2 py-1.5 text-right">
        <Link
          href={`/tasks/${encodeURIComponent(taskId)}/records/${encodeURIComponent(r.recordId)}`}
          data-testid="history-record-link"
          aria-label={th("openLabel", { release })}
          title={th("openLabel", { release })}
          onClick={(e) => e.stopPropagation()}
          className="inline-flex size-7 items-center justify-center rounded text-zinc-500 hover:bg-zinc-100 hover:text-blue-700 focus-visible:outline-2 focus-visible:outline-blue-500"
        >
          <ChevronRightIcon className="size-4" aria-hidden />
        </Link>
      </td>
    </tr>
  );
}
