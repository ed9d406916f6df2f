"use client";

import { useTranslations } from "next-intl";
import type { LedgerParam } from "@/lib/schemas/ledger";
import { HeaderCells } from "@/components/audit/ledger-table";
import { ParamValue, useParamTypeLabel } from "@/components/records/param-value";

const FINGERPRINT = /^hmac:[0-9a-f]{16,128}$/;

/**
 * The parameters a ledger row kept. A secret (`encrypt`) is stored only as a keyed fingerprint (`hmac:…`), which
 * tells whether the value changed between two rows but not what it is; anything else in a secret's place is masked.
 */
export function LedgerParams({ params }: { params: LedgerParam[] | null }) {
  const t = useTranslations("ledger");
  const typeLabel = useParamTypeLabel();
  if (!params || params.length === 0) return <p className="text-xs text-zinc-500">{t("noParams")}</p>;
  return (
    <table className="w-full text-xs">
      <caption className="sr-only">{t("params")}</caption>
      <thead>
        <tr className="text-left text-zinc-500">
          <HeaderCells className="py-1 pr-3 font-medium" columns={[t("paramKey"), t("paramType"), { label: t("paramValue"), className: "py-1 font-medium" }]} />
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100">
        {params.map((p, i) => (
          <tr key={`${p.key}-${i}`} data-testid="ledger-param" data-key={p.key} data-type={p.type}>
            <td className="py-1 pr-3 align-top font-mono text-zinc-900">{p.key}</td>
            <td className="py-1 pr-3 align-top text-zinc-500">{typeLabel(p.type)}</td>
            <td className="py-1 align-top font-mono break-all text-zinc-700">
              <ParamValue
                value={p.value}
                secret={p.type === "encrypt"}
                hint={t("fingerprintHint")}
                hiddenClassName="inline-flex flex-wrap items-center gap-1 text-zinc-600"
                hidden={
                  FINGERPRINT.test(p.value) ? (
                    <>
                      <span className="font-sans">{t("fingerprint")}</span>
                      <span data-testid="ledger-fingerprint" title={p.value}>
                        {p.value.slice(0, 5 + 16)}
                        <span aria-hidden="true">…</span>
                      </span>
                    </>
                  ) : undefined
                }
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
