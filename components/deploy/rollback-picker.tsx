"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { RecordSummary } from "@/lib/schemas/deploy";
import { MAX_HISTORY_DAYS, RECORDS_PAGE_SIZE, recordsOptions } from "@/lib/queries/records";
import { cn, lastDays } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Label, Select } from "@/components/ui/form-controls";
import { Pagination } from "@/components/ui/pagination";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Time } from "@/components/ui/time";
import { XIcon } from "@/components/ui/icons";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";
import { RecordStatusBadge } from "@/components/records/record-status-badge";
import { RecordParamsList } from "@/components/records/record-params-list";

const RANGES = [7, 30, 60, MAX_HISTORY_DAYS] as const;
const th = "px-3 py-2 text-left text-xs font-medium text-zinc-500";
const td = "px-3 py-2.5";

/** "Roll back to": the task's history (last 30 days by default, up to 92); picking a record shows its params. */
export function RollbackPicker({
  taskId,
  selected,
  onSelect,
}: {
  taskId: string;
  selected: RecordSummary | null;
  onSelect: (record: RecordSummary | null) => void;
}) {
  const t = useTranslations("rollback");
  const tc = useTranslations("common");
  const uid = useId();
  const [days, setDays] = useState<number>(30);
  const [range, setRange] = useState(() => lastDays(30));
  const [page, setPage] = useState(1);
  const query = useQuery(recordsOptions(taskId, { ...range, page, size: RECORDS_PAGE_SIZE }));
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
              setRange(lastDays(d));
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
      {query.isError && (
        <div className="p-4">
          <ApiErrorAlert
            error={query.error}
            action={
              <Button size="sm" onClick={() => void query.refetch()} pending={query.isFetching}>
                {tc("retry")}
              </Button>
            }
          />
        </div>
      )}
      {!data && query.isPending && <SkeletonRows rows={4} columns={5} label={t("loading")} />}
      {data && data.items.length === 0 && (
        <p className="px-4 py-6 text-center text-sm text-zinc-500">{t("empty", { from: data.from, to: data.to })}</p>
      )}
      {data && data.items.length > 0 && (
        <div className="overflow-x-auto">
          <table
            className={cn("w-full text-sm", query.isPlaceholderData && "opacity-60")}
            aria-busy={query.isPlaceholderData || undefined}
          >
            <caption className="sr-only">{t("caption", { from: data.from, to: data.to })}</caption>
            <thead className="border-b border-zinc-200 bg-zinc-50/80">
              <tr>
                <th scope="col" className={cn(th, "w-10")}>
                  <span className="sr-only">{t("colSelect")}</span>
                </th>
                <th scope="col" className={th}>
                  {t("colRelease")}
                </th>
                <th scope="col" className={th}>
                  {t("colState")}
                </th>
                <th scope="col" className={cn(th, "hidden sm:table-cell")}>
                  {t("colOperator")}
                </th>
                <th scope="col" className={th}>
                  {t("colStart")}
                </th>
                <th scope="col" className={cn(th, "hidden sm:table-cell")}>
                  {t("colDuration")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {data.items.map((r) => {
                const checked = selected?.recordId === r.recordId;
                const release = r.releaseId !== null ? `#${r.releaseId}` : r.recordId.slice(0, 8);
                return (
                  <tr
                    key={r.recordId}
                    data-testid="rollback-record"
                    data-record-id={r.recordId}
                    aria-selected={checked}
                    onClick={() => onSelect(r)}
                    className={cn("cursor-pointer", checked ? "bg-blue-50" : "hover:bg-zinc-50")}
                  >
                    <td className={td}>
                      <input
                        type="radio"
                        name={`${uid}-record`}
                        checked={checked}
                        onChange={() => onSelect(r)}
                        aria-label={t("selectRecord", { release })}
                        className="size-4 accent-blue-600"
                      />
                    </td>
                    <td className={cn(td, "font-mono text-xs tabular-nums")}>{release}</td>
                    <td className={td}>
                      <RecordStatusBadge state={r.state} />
                    </td>
                    <td className={cn(td, "hidden text-zinc-600 sm:table-cell")}>{r.operator ?? tc("none")}</td>
                    <td className={cn(td, "whitespace-nowrap text-zinc-600")}>
                      <Time value={r.startTime} />
                    </td>
                    <td className={cn(td, "hidden font-mono text-xs text-zinc-600 tabular-nums sm:table-cell")}>
                      {r.duration ?? tc("none")}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {data && data.total > 0 && (
        <Pagination page={data.page} size={data.size} total={data.total} onPage={setPage} label={t("pagination")} />
      )}
      {selected && (
        <div className="border-t border-zinc-200 bg-blue-50/40">
          <div className="flex flex-wrap items-center justify-between gap-2 px-4 pt-3">
            <p className="text-sm font-medium text-zinc-800">
              {t("selectedParams", {
                release: selected.releaseId !== null ? `#${selected.releaseId}` : selected.recordId.slice(0, 8),
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
