"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { ALL_APPS } from "@/lib/schemas/roles";
import { appsOptions } from "@/lib/queries/apps";
import type { AppItem } from "@/lib/schemas/apps";
import { Input, Label, Select } from "@/components/ui/form-controls";

export type AppChoice = { kind: "all" } | { kind: "app"; appId: string; taskId: string; name: string };

/** The picker answers at most 100 rows a page: a name filter narrows longer lists. */
const PICK_SIZE = 100;
const DEBOUNCE_MS = 300;

const choiceOf = (app: AppItem): AppChoice | null => (app.taskId ? { kind: "app", appId: app.appId, taskId: app.taskId, name: app.name } : null);

/**
 * Choose an application (one with a deployment task — grants and protection are checked by task) from
 * GET /api/apps, narrowed by a name filter; optionally "all applications".
 */
export function AppPicker({
  id,
  testId,
  value,
  onChange,
  allowAll = false,
  taken,
  invalid,
}: {
  id: string;
  testId: string;
  value: AppChoice | null;
  onChange: (choice: AppChoice | null) => void;
  allowAll?: boolean;
  /** Task ids that cannot be picked again (e.g. already protected). */
  taken?: Set<string>;
  invalid?: boolean;
}) {
  const t = useTranslations("admin.appPicker");
  const [filter, setFilter] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQ(filter.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [filter]);
  const apps = useQuery(appsOptions({ q, state: "", page: 1, size: PICK_SIZE }));
  const choices = (apps.data?.items ?? []).flatMap((a) => {
    const c = choiceOf(a);
    return c?.kind === "app" ? [c] : [];
  });
  // Keep the current choice selectable even when the filter no longer lists it.
  if (value?.kind === "app" && !choices.some((c) => c.taskId === value.taskId)) choices.unshift(value);
  const byTask = new Map(choices.map((c) => [c.taskId, c]));
  const selected = value === null ? "" : value.kind === "all" ? ALL_APPS : value.taskId;
  const total = apps.data?.total ?? 0;
  const listed = apps.data?.items.length ?? 0;

  return (
    <div className="grid gap-2 sm:grid-cols-[minmax(0,10rem)_minmax(0,1fr)]">
      <div>
        <Label htmlFor={`${id}-search`}>{t("search")}</Label>
        <Input
          id={`${id}-search`}
          data-testid={`${testId}-search`}
          type="search"
          maxLength={128}
          autoComplete="off"
          placeholder={t("searchPlaceholder")}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      <div className="min-w-0">
        <Label htmlFor={id}>{t("select")}</Label>
        <Select
          id={id}
          data-testid={testId}
          value={selected}
          invalid={invalid}
          aria-busy={apps.isFetching || undefined}
          aria-describedby={total > listed ? `${id}-more` : undefined}
          onChange={(e) => {
            const v = e.target.value;
            onChange(v === "" ? null : v === ALL_APPS ? { kind: "all" } : (byTask.get(v) ?? null));
          }}
        >
          <option value="">{apps.isPending ? t("loading") : t("placeholder")}</option>
          {allowAll && <option value={ALL_APPS}>{t("allApps")}</option>}
          {choices.map((c) => (
            <option key={c.taskId} value={c.taskId} disabled={taken?.has(c.taskId)}>
              {taken?.has(c.taskId) ? t("taken", { app: c.name }) : c.name}
            </option>
          ))}
        </Select>
        {total > listed && (
          <p id={`${id}-more`} className="mt-1 text-xs text-zinc-500">
            {t("more", { shown: listed, total })}
          </p>
        )}
        {apps.isError && (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {t("loadFailed")}
          </p>
        )}
      </div>
    </div>
  );
}
