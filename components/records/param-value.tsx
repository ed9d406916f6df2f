"use client";

import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { PARAM_TYPES, type ParamType } from "@/lib/schemas/param-rules";
import { HiddenValue } from "@/components/audit/ledger-table";

const isParamType = (type: string): type is ParamType => (PARAM_TYPES as readonly string[]).includes(type);

/**
 * A parameter type's name, the one map every page uses (the form's select, the record's and the ledger's tables):
 * the wire codes (`host_group`, `encrypt`, …) never reach the reader; a code CodeArts adds later shows as it is.
 */
export function useParamTypeLabel(): (type: string) => string {
  const t = useTranslations("params");
  return (type) => (isParamType(type) ? t(`types.${type}`) : type);
}

/** What stands in a secret's place wherever a parameter is shown. */
export const SECRET_MASK = "••••";

/**
 * One parameter value as every table of parameters shows it: a secret hidden (the mask, or what `hidden` puts in
 * its place, with `hint` saying why), an empty value named as such, anything else as it is.
 */
export function ParamValue({
  value,
  secret,
  hint,
  hiddenClassName,
  hidden,
}: {
  value: string | null;
  secret: boolean;
  hint: string;
  hiddenClassName: string;
  hidden?: ReactNode;
}) {
  const t = useTranslations("recordParams");
  if (secret || value === null) {
    return (
      <HiddenValue hint={hint} className={hiddenClassName}>
        {hidden ?? <span aria-hidden="true">{SECRET_MASK}</span>}
      </HiddenValue>
    );
  }
  if (value === "") return <span className="text-zinc-400">{t("emptyValue")}</span>;
  return value;
}
