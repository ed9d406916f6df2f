"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { recordParamsOptions } from "@/lib/queries/records";
import { SkeletonRows } from "@/components/ui/skeleton";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";
import { HeaderCells } from "@/components/audit/ledger-table";
import { ParamValue, useParamTypeLabel } from "@/components/records/param-value";
import { ScrollBox } from "@/components/ui/scroll-box";

/** The parameters a record ran with; secret values are never sent by the API and show as ••••. */
export function RecordParamsList({ taskId, recordId, testId }: { taskId: string; recordId: string; testId?: string }) {
  const t = useTranslations("recordParams");
  const typeLabel = useParamTypeLabel();
  const query = useQuery(recordParamsOptions(taskId, recordId));

  return (
    <div data-testid={testId} aria-busy={query.isPending || undefined}>
      {query.isPending && <SkeletonRows rows={3} columns={3} label={t("loading")} />}
      {query.isError && <ApiErrorAlert error={query.error} />}
      {query.data && query.data.length === 0 && <p className="px-4 py-3 text-sm text-zinc-500">{t("empty")}</p>}
      {query.data && query.data.length > 0 && (
        <ScrollBox>
          <table className="w-full text-sm">
            <caption className="sr-only">{t("caption")}</caption>
            <thead>
              <tr className="text-left text-xs text-zinc-500">
                <HeaderCells className="px-4 py-2 font-medium" columns={[t("name"), t("type"), t("value")]} />
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {query.data.map((p) => (
                <tr key={p.name} data-testid="record-param" data-key={p.name}>
                  <td className="px-4 py-2 font-mono text-xs text-zinc-900">{p.name}</td>
                  <td data-testid="record-param-type" data-type={p.type} className="px-4 py-2 text-xs whitespace-nowrap text-zinc-500">
                    {typeLabel(p.secret ? "encrypt" : p.type)}
                  </td>
                  <td className="px-4 py-2 font-mono text-xs break-all text-zinc-700">
                    <ParamValue value={p.value} secret={p.secret} hint={t("secret")} hiddenClassName="inline-flex items-center gap-1 text-zinc-500" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </div>
  );
}
