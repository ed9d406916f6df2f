"use client";

import { useTranslations } from "next-intl";
import { createContext, use, useId } from "react";
import { useFieldArray, useFormContext, useFormState, useWatch } from "react-hook-form";
import type { Origin } from "@/lib/deploy/prefill";
import type { ParamDefinition } from "@/lib/schemas/tasks";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/form-controls";
import { PlusIcon, TrashIcon, UndoIcon } from "@/components/ui/icons";
import { MAX_ROWS, PARAM_TYPE_OPTIONS, type StartFormInput } from "@/components/deploy/form-types";
import { useRowErrorText } from "@/components/deploy/row-error";
import { useParamTypeLabel } from "@/components/records/param-value";

type Rows = NonNullable<StartFormInput["params"]>;

/** The secrets typed in the rows (not kept), by key: a rollback pick keeps them for the same keys. */
export function typedSecrets(rows: Rows): Map<string, string> {
  return new Map(rows.filter((r) => r.type === "encrypt" && r.value && !r.keep).map((r) => [r.key, r.value ?? ""]));
}

/** Where the rows' values came from, and the last run's values (for "changed since last run" and its reset). */
export interface Provenance {
  originOf: (key: string, value: string) => Origin;
  lastRun: ReadonlyMap<string, string>;
}
const ProvenanceContext = createContext<Provenance | null>(null);
export const ProvenanceProvider = ProvenanceContext.Provider;

const ORIGIN_STYLE: Record<Origin, string> = {
  last_run: "bg-sky-50 text-sky-700",
  my_last_run: "bg-indigo-50 text-indigo-700",
  record: "bg-amber-50 text-amber-800",
  link: "bg-fuchsia-50 text-fuchsia-700",
  stored: "bg-zinc-100 text-zinc-700",
  typed: "bg-emerald-50 text-emerald-700",
  step: "bg-violet-50 text-violet-700",
};

// Phones: key and type on one line, value and remove on the next; wider screens: one line per row.
// The type column fits its longest label ("Environment") beside the select's arrow, in both languages.
const grid = "grid grid-cols-[minmax(0,1fr)_10.5rem] gap-2 sm:grid-cols-[minmax(0,1fr)_10.5rem_minmax(0,1.4fr)_2.25rem] sm:items-start";

/** The runtime parameter rows: key, type, value; add and remove; each row shows its own errors. */
export function ParamRows({ definitions }: { definitions: ParamDefinition[] }) {
  const t = useTranslations("params");
  const rowError = useRowErrorText();
  const { control } = useFormContext<StartFormInput>();
  const { fields, append, remove } = useFieldArray({ control, name: "params" });
  const { errors } = useFormState({ control, name: "params" });
  const arrayError = errors.params?.root?.message ?? errors.params?.message;
  const byName = new Map(definitions.map((d) => [d.name, d]));

  return (
    <div>
      {fields.length > 0 ? (
        <div className={cn(grid, "hidden px-4 pt-3 pb-1 text-xs font-medium text-zinc-500 sm:grid")} aria-hidden="true">
          <span>{t("key")}</span>
          <span>{t("type")}</span>
          <span>{t("value")}</span>
          <span />
        </div>
      ) : (
        <p className="px-4 pt-4 text-sm text-zinc-500">{t("none")}</p>
      )}
      <ol className="space-y-1 px-4 py-2" aria-label={t("rowsLabel")}>
        {fields.map((field, index) => (
          <ParamRow key={field.id} index={index} byName={byName} onRemove={() => remove(index)} />
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-3 px-4 pb-4">
        <Button data-testid="add-row" size="sm" disabled={fields.length >= MAX_ROWS} onClick={() => append({ key: "", type: "text", value: "", keep: false })}>
          <PlusIcon />
          {t("addRow")}
        </Button>
        {arrayError && (
          <p role="alert" className="text-xs text-red-700">
            {rowError(arrayError)}
          </p>
        )}
      </div>
    </div>
  );
}

function ParamRow({ index, byName, onRemove }: { index: number; byName: Map<string, ParamDefinition>; onRemove: () => void }) {
  const t = useTranslations("params");
  const rowError = useRowErrorText();
  const typeLabel = useParamTypeLabel();
  const uid = useId();
  const { register, control, setValue } = useFormContext<StartFormInput>();
  const [key, type, value, keep] = useWatch({
    control,
    name: [`params.${index}.key`, `params.${index}.type`, `params.${index}.value`, `params.${index}.keep`],
  });
  const provenance = use(ProvenanceContext);
  const secret = type === "encrypt";
  const kept = secret && Boolean(keep);
  const origin = provenance && key ? (kept ? "stored" : provenance.originOf(key, value ?? "")) : null;
  const lastValue = !secret && key ? provenance?.lastRun.get(key) : undefined;
  const changedSinceLastRun = lastValue !== undefined && lastValue !== (value ?? "");
  const { errors } = useFormState({ control, name: `params.${index}` });
  const rowErrors = errors.params?.[index];
  const messages = (["key", "type", "value"] as const).flatMap((field) => {
    const message = rowErrors?.[field]?.message;
    return message ? [{ field, id: `${uid}-${field}-error`, text: rowError(message) }] : [];
  });
  const describedBy = (field: "key" | "type" | "value") => messages.find((m) => m.field === field)?.id;
  const invalid = (field: "key" | "type" | "value") => Boolean(rowErrors?.[field]);

  const definition = key ? byName.get(key) : undefined;
  const options = type === "enum" ? (definition?.options ?? []) : [];
  const listId = `${uid}-options`;
  const n = index + 1;

  return (
    <li data-testid="param-row" data-key={key ?? ""} className="border-b border-zinc-100 py-2 last:border-0 sm:border-0 sm:py-1.5">
      <div className={grid}>
        <div className="min-w-0">
          <label htmlFor={`${uid}-key`} className="sr-only">
            {t("keyOfRow", { n })}
          </label>
          <Input
            id={`${uid}-key`}
            data-testid="param-key"
            autoComplete="off"
            spellCheck={false}
            placeholder={t("keyPlaceholder")}
            className="font-mono"
            invalid={invalid("key")}
            aria-describedby={describedBy("key")}
            {...register(`params.${index}.key`)}
          />
          {(origin || changedSinceLastRun) && (
            <div className="mt-1 flex flex-wrap items-center gap-1">
              {origin && (
                <span
                  data-testid="param-origin"
                  data-origin={origin}
                  className={cn("inline-block rounded px-1.5 py-0.5 text-[11px] leading-none font-medium", ORIGIN_STYLE[origin])}
                >
                  {t(`origin.${origin}`)}
                </span>
              )}
              {changedSinceLastRun && (
                <>
                  <span data-testid="param-changed" className="text-[11px] leading-none text-amber-800">
                    {t("changedSinceLastRun")}
                  </span>
                  <button
                    type="button"
                    data-testid="reset-row"
                    className="inline-flex items-center gap-0.5 rounded text-[11px] leading-none text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
                    aria-label={t("resetRowLabel", { key: key ?? "", value: lastValue })}
                    title={t("resetRowLabel", { key: key ?? "", value: lastValue })}
                    onClick={() => setValue(`params.${index}.value`, lastValue, { shouldDirty: true, shouldValidate: true })}
                  >
                    <UndoIcon className="size-3" />
                    {t("resetRow")}
                  </button>
                </>
              )}
            </div>
          )}
        </div>
        <div>
          <label htmlFor={`${uid}-type`} className="sr-only">
            {t("typeOfRow", { n })}
          </label>
          <Select
            id={`${uid}-type`}
            data-testid="param-type"
            invalid={invalid("type")}
            aria-describedby={describedBy("type")}
            {...register(`params.${index}.type`)}
          >
            {PARAM_TYPE_OPTIONS.map((pt) => (
              <option key={pt} value={pt}>
                {typeLabel(pt)}
              </option>
            ))}
          </Select>
        </div>
        <div className="min-w-0">
          <label htmlFor={`${uid}-value`} className="sr-only">
            {t("valueOfRow", { n })}
          </label>
          <Input
            id={`${uid}-value`}
            data-testid="param-value"
            type={type === "encrypt" ? "password" : "text"}
            autoComplete={type === "encrypt" ? "new-password" : "off"}
            spellCheck={false}
            disabled={kept}
            placeholder={kept ? t("keptPlaceholder") : secret ? t("secretPlaceholder") : type === "host_group" ? t("hostGroupPlaceholder") : ""}
            list={options.length > 0 ? listId : undefined}
            invalid={invalid("value")}
            aria-describedby={describedBy("value")}
            {...register(`params.${index}.value`)}
          />
          {secret && (
            <label className="mt-1 inline-flex items-center gap-1.5 text-xs text-zinc-700">
              <input
                type="checkbox"
                data-testid="param-keep"
                className="size-3.5 accent-blue-600"
                {...register(`params.${index}.keep`, {
                  onChange: () => setValue(`params.${index}.value`, "", { shouldValidate: false }),
                })}
              />
              {t("keepStored")}
            </label>
          )}
          {options.length > 0 && (
            <datalist id={listId}>
              {options.map((o) => (
                <option key={o} value={o} />
              ))}
            </datalist>
          )}
        </div>
        <Button
          data-testid="remove-row"
          variant="ghost"
          className="w-9 justify-self-end px-0 text-zinc-500 hover:text-red-700 sm:justify-self-auto"
          onClick={onRemove}
          aria-label={t("removeRow", { n, key: key || "" })}
          title={t("removeRow", { n, key: key || "" })}
        >
          <TrashIcon />
        </Button>
      </div>
      {messages.length > 0 && (
        <div data-testid="row-error" className="mt-1 space-y-0.5 text-xs text-red-700">
          {messages.map((m) => (
            <p key={m.field} id={m.id}>
              {m.text}
            </p>
          ))}
        </div>
      )}
    </li>
  );
}
