"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useState, useSyncExternalStore } from "react";
import { AUDIT_ACTIONS, AUDIT_PHASES } from "@/lib/queries/audit";
import { Input, Label, Select } from "@/components/ui/form-controls";
import { afterTypingPause } from "@/components/ui/url-search";
import { APP_MAX, USER_MAX, isTaskId, type AuditUrlState, type FilterName } from "@/components/audit/audit-url";

const DEBOUNCE_MS = 300;
const anyText = () => true;

/**
 * A text filter that follows the URL: what the user types is a draft until it is applied (after a pause, and only
 * when valid); once the URL holds it, the draft goes and the URL is the value again.
 */
function TextFilter({
  name,
  label,
  value,
  maxLength,
  placeholder,
  mono = false,
  invalidText,
  valid = anyText,
  onApply,
}: {
  name: FilterName;
  label: string;
  value: string;
  maxLength: number;
  placeholder?: string;
  mono?: boolean;
  invalidText?: string;
  valid?: (v: string) => boolean;
  onApply: (name: FilterName, value: string) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  if (draft !== null && draft.trim() === value) setDraft(null);
  const shown = draft ?? value;
  const trimmed = shown.trim();
  const invalid = trimmed !== "" && !valid(trimmed);

  useEffect(() => {
    if (draft === null) return;
    const next = draft.trim();
    if (next !== "" && !valid(next)) return;
    return afterTypingPause(() => onApply(name, next), DEBOUNCE_MS);
  }, [draft, name, onApply, valid]);

  return (
    <div className="min-w-0">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        data-testid={`audit-filter-${name}`}
        type="search"
        autoComplete="off"
        spellCheck={false}
        maxLength={maxLength}
        placeholder={placeholder}
        value={shown}
        invalid={invalid}
        className={mono ? "font-mono" : undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          // Enter applies at once (no wait for the pause).
          if (e.key === "Enter" && !invalid) onApply(name, trimmed);
        }}
      />
      {invalid && invalidText && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {invalidText}
        </p>
      )}
    </div>
  );
}

const subscribeNever = () => () => {};
/** The browser's zone name; null while rendering on the server (which formats in UTC). */
const useTimeZone = () =>
  useSyncExternalStore(
    subscribeNever,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );

/** The audit filters: app, task, user, action, outcome and a range of local days. */
export function AuditFilters({ state, onApply }: { state: AuditUrlState; onApply: (name: FilterName, value: string) => void }) {
  const t = useTranslations("audit");
  const tl = useTranslations("ledger");
  const uid = useId();
  const zone = useTimeZone();
  const inverted = state.from !== "" && state.to !== "" && state.from > state.to;

  return (
    <fieldset className="min-w-0">
      <legend className="sr-only">{t("filtersLabel")}</legend>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,1.7fr)_repeat(5,minmax(0,1fr))]">
        <TextFilter name="app" label={t("filterApp")} value={state.app} maxLength={APP_MAX} placeholder={t("filterAppPlaceholder")} onApply={onApply} />
        <TextFilter
          name="task"
          label={t("filterTask")}
          value={state.task}
          maxLength={32}
          placeholder={t("filterTaskPlaceholder")}
          mono
          invalidText={t("filterTaskInvalid")}
          valid={isTaskId}
          onApply={onApply}
        />
        <TextFilter name="user" label={t("filterUser")} value={state.user} maxLength={USER_MAX} placeholder={t("filterUserPlaceholder")} onApply={onApply} />
        <div className="min-w-0">
          <Label htmlFor={`${uid}-action`}>{t("filterAction")}</Label>
          <Select id={`${uid}-action`} data-testid="audit-filter-action" value={state.action} onChange={(e) => onApply("action", e.target.value)}>
            <option value="">{t("allActions")}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {tl(`actions.${a}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="min-w-0">
          <Label htmlFor={`${uid}-outcome`}>{t("filterOutcome")}</Label>
          <Select id={`${uid}-outcome`} data-testid="audit-filter-outcome" value={state.outcome} onChange={(e) => onApply("outcome", e.target.value)}>
            <option value="">{t("allOutcomes")}</option>
            {AUDIT_PHASES.map((p) => (
              <option key={p} value={p}>
                {tl(`phases.${p}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="min-w-0">
          <Label htmlFor={`${uid}-from`}>{t("filterFrom")}</Label>
          <Input
            id={`${uid}-from`}
            data-testid="audit-filter-from"
            type="date"
            value={state.from}
            max={state.to || undefined}
            invalid={inverted}
            aria-describedby={`${uid}-dates`}
            onChange={(e) => onApply("from", e.target.value)}
          />
        </div>
        <div className="min-w-0">
          <Label htmlFor={`${uid}-to`}>{t("filterTo")}</Label>
          <Input
            id={`${uid}-to`}
            data-testid="audit-filter-to"
            type="date"
            value={state.to}
            min={state.from || undefined}
            invalid={inverted}
            aria-describedby={`${uid}-dates`}
            onChange={(e) => onApply("to", e.target.value)}
          />
        </div>
      </div>
      <p id={`${uid}-dates`} className="mt-2 text-xs text-zinc-500">
        {inverted ? <span className="text-red-700">{t("rangeInverted")}</span> : zone ? t("datesHint", { zone }) : t("datesHintLocal")}
      </p>
    </fieldset>
  );
}
