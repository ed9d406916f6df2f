"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import type { RecordSummary } from "@/lib/schemas/records";
import { releaseLabel } from "@/lib/schemas/record-views";
import { RETENTION_DAYS } from "@/lib/schemas/param-rules";
import { RECORDS_PAGE_SIZE, historyFromFor, historyOptions } from "@/lib/queries/records";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Label, Select } from "@/components/ui/form-controls";
import { Pagination } from "@/components/ui/pagination";
import { SkeletonRows } from "@/components/ui/skeleton";
import { XIcon } from "@/components/ui/icons";
import { QueryErrorAlert } from "@/components/errors/api-error-alert";
import { HistoryHead, HistoryRow } from "@/components/deploy/history-row";
// Not loaded lazily: picking a row shows it at once, and a lazy component would suspend that click's render, so the
// controlled radio would snap back unchecked until its chunk arrived.
import { RecordParamsList } from "@/components/records/record-params-list";
import { ScrollBox } from "@/components/ui/scroll-box";

const RANGES = [7, 30, 60, RETENTION_DAYS] as const;

/**
 * "Roll back to": the task's history — the whole retention (92 days) by default, paged, newest first, each row
 * with the ledger's reason and "rollback of #N" and a link to its record page. Picking a record shows its params.
 */
export function RollbackPicker({
  taskId,
  initialFrom,
  selected,
  onSelect,
}: {
  taskId: string;
  /** The default range's first day the page was rendered with (its first page is then already in the cache). */
  initialFrom?: string;
  selected: RecordSummary | null;
  onSelect: (record: RecordSummary | null) => void;
}) {
  const t = useTranslations("rollback");
  const uid = useId();
  const arrowKey = useRef(false);
  const pick = (r: RecordSummary) => {
    if (!arrowKey.current) onSelect(r);
  };
  const [days, setDays] = useState<number>(RETENTION_DAYS);
  const [from, setFrom] = useState(() => initialFrom ?? historyFromFor(RETENTION_DAYS));
  const [page, setPage] = useState(1);
  // Up to the cloud's today (the server's date at the upstream clock), not the browser's.
  const query = useQuery(historyOptions(taskId, { from, page, size: RECORDS_PAGE_SIZE }));
  const data = query.data;

  return (
    <Card
      data-testid="rollback-picker"
      headingId={`${uid}-title`}
      title={t("title")}
      description={t("description")}
      actions={
        <div className="flex items-center gap-2">
          <Label htmlFor={`${uid}-range`} className="mb-0 whitespace-nowrap">
            {t("range")}
          </Label>
          <Select
            id={`${uid}-range`}
            data-testid="history-range"
            className="h-8 w-auto"
            value={days}
            onChange={(e) => {
              const d = Number(e.target.value);
              setDays(d);
              setFrom(historyFromFor(d));
              setPage(1);
            }}
          >
            {RANGES.map((d) => (
              <option key={d} value={d}>
                {t("lastDays", { days: d })}
              </option>
            ))}
          </Select>
        </div>
      }
    >
      {query.isError && <QueryErrorAlert query={query} />}
      {!data && query.isPending && <SkeletonRows rows={4} columns={6} label={t("loading")} />}
      {data && data.items.length === 0 && <p className="px-4 py-6 text-center text-sm text-zinc-500">{t("empty", { from: data.from, to: data.to })}</p>}
      {data && data.items.length > 0 && (
        <ScrollBox className="@container">
          <table className={cn("w-full text-sm", query.isPlaceholderData && "opacity-60")} aria-busy={query.isPlaceholderData || undefined}>
            <caption className="sr-only">{t("caption", { from: data.from, to: data.to })}</caption>
            <thead className="border-b border-zinc-200 bg-zinc-50/80">
              <HistoryHead />
            </thead>
            <tbody
              className="divide-y divide-zinc-100"
              // Arrow keys move the focus between the radios, not the pick (which replaces the parameter rows):
              // Space or Enter picks the focused record.
              onKeyDownCapture={(e) => (arrowKey.current = e.key.startsWith("Arrow"))}
              onKeyUp={() => (arrowKey.current = false)}
            >
              {data.items.map((r) => (
                <HistoryRow
                  key={r.recordId}
                  taskId={taskId}
                  record={r}
                  checked={selected?.recordId === r.recordId}
                  radioName={`${uid}-record`}
                  onSelect={pick}
                />
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      {data && data.total > 0 && <Pagination page={data.page} size={data.size} total={data.total} onPage={setPage} label={t("pagination")} />}
      {selected && (
        <div className="border-t border-zinc-200 bg-blue-50/40">
          <div className="flex flex-wrap items-center justify-between gap-2 px-4 pt-3">
            <p className="text-sm font-medium text-zinc-800">
              {t("selectedParams", {
                release: releaseLabel(selected),
              })}
            </p>
            <Button data-testid="clear-rollback" size="sm" variant="ghost" onClick={() => onSelect(null)}>
              <XIcon />
              {t("clear")}
            </Button>
          </div>
          <RecordParamsList taskId={taskId} recordId={selected.recordId} testId="rollback-params" />
        </div>
      )}
    </Card>
  );
}
