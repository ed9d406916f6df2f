"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { useFormContext } from "react-hook-form";
import { Label, Select } from "@/components/ui/form-controls";
import type { StartFormInput } from "@/components/deploy/form-types";

/** The start's advanced options (folded): the trigger source CodeArts is told. */
export function AdvancedOptions() {
  const t = useTranslations("deploy");
  const uid = useId();
  const { register } = useFormContext<StartFormInput>();
  return (
    <details className="group rounded-lg border border-zinc-200 bg-white shadow-xs">
      <summary className="cursor-pointer rounded-lg px-4 py-3 text-sm font-medium text-zinc-800 select-none focus-visible:outline-2 focus-visible:outline-blue-600">
        {t("advanced")}
      </summary>
      <div className="border-t border-zinc-200 px-4 py-3">
        <Label htmlFor={`${uid}-trigger`}>{t("triggerSourceLabel")}</Label>
        <Select
          id={`${uid}-trigger`}
          data-testid="trigger-source"
          className="max-w-sm"
          aria-describedby={`${uid}-trigger-help`}
          {...register("trigger_source", { setValueAs: (v: string) => (v === "" ? undefined : v) })}
        >
          <option value="">{t("triggerSourceUnset")}</option>
          <option value="0">{t("triggerSourceAny")}</option>
          <option value="1">{t("triggerSourcePipeline")}</option>
        </Select>
        <p id={`${uid}-trigger-help`} className="mt-1 text-xs text-zinc-500">
          {t("triggerSourceHelp")}
        </p>
      </div>
    </details>
  );
}
