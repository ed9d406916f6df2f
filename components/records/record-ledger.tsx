"use client";

import { useQuery } from "@tanstack/react-query";
import { Link } from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { recordLedgerOptions } from "@/lib/queries/audit";
import { cn } from "@/lib/utils";
import { Card } from "@/components/ui/card";
import { ChevronRightIcon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";
import { LedgerCodes } from "@/components/audit/ledger-labels";
import { EntryLeadCells, HeaderCells } from "@/components/audit/ledger-table";
import { ScrollBox } from "@/components/ui/scroll-box";

const th = "px-4 py-2 text-left text-xs font-medium whitespace-nowrap text-zinc-500";
const td = "px-4 py-2.5 align-top";

/** The record's rows in the console's deploy ledger (oldest first), and the way to the task's whole audit trail. */
export function RecordLedger({ taskId, recordId, running }: { taskId: string; recordId: string; running: boolean }) {
  const t = useTranslations("ledger");
  const query = useQuery(recordLedgerOptions(taskId, recordId, running));
  const items = query.data?.items;

  return (
    <Card
      data-testid="record-ledger"
      title={t("title")}
      description={t("description")}
      headingId="record-ledger-title"
      actions={
        <Link
          href={`/audit?task=${encodeURIComponent(taskId)}`}
          data-testid="record-ledger-audit-link"
          className="inline-flex items-center gap-1 rounded text-xs font-medium text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
        >
          {t("allForTask")}
          <ChevronRightIcon className="size-3.5" />
        </Link>
      }
    >
      {query.isPending && <SkeletonRows rows={2} columns={5} label={t("loading")} />}
      {query.isError && (
        <div className="p-4">
          <ApiErrorAlert error={query.error} />
        </div>
      )}
      {items && items.length === 0 && (
        <p className="px-4 py-4 text-sm text-zinc-500" data-testid="record-ledger-empty">
          {t("emptyRecord")}
        </p>
      )}
      {items && items.length > 0 && (
        <ScrollBox>
          <table className="w-full text-sm">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="border-b border-zinc-200 bg-zinc-50/80">
              <tr>
                <HeaderCells className={th} columns={[t("colTime"), t("colActor"), t("colAction"), t("colOutcome"), t("colReason"), t("colStatus")]} />
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {items.map((e) => (
                <tr key={e.id} data-testid="record-ledger-row" data-phase={e.phase} data-action={e.action}>
                  <EntryLeadCells entry={e} td={td} />
                  <td className={cn(td, "max-w-72 text-xs break-words text-zinc-700")}>{e.reason ?? <span className="text-zinc-400">{t("none")}</span>}</td>
                  <td className={td}>
                    <LedgerCodes entry={e} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </Card>
  );
}
