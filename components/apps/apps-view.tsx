"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { APPS_PAGE_SIZE, appsOptions, everyAppOptions } from "@/lib/queries/apps";
import type { AppItem, FirstAppsPage } from "@/lib/schemas/apps";
import { meOptions } from "@/lib/queries/me";
import { positiveInt } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Label, Select } from "@/components/ui/form-controls";
import { Pagination } from "@/components/ui/pagination";
import { afterTypingPause, replaceSearch } from "@/components/ui/url-search";
import { SkeletonRows } from "@/components/ui/skeleton";
import { QueryErrorAlert } from "@/components/errors/api-error-alert";
import { FILTERABLE_STATES, isRunState, useStateLabel } from "@/components/records/record-status-badge";
import { AppsTable } from "@/components/apps/apps-table";

/** Typing pause before the search goes to the server (its rows show at once, see `preview`). */
const DEBOUNCE_MS = 150;

/** The task picker: name search and state filter live in the URL (?q=&state=&page=), shallowly updated. */
export function AppsView({ initial = null }: { initial?: FirstAppsPage | null }) {
  const t = useTranslations("apps");
  const stateLabel = useStateLabel();
  const pathname = usePathname();
  const searchParams = useSearchParams();

  const urlQ = searchParams.get("q") ?? "";
  const rawState = searchParams.get("state") ?? "";
  const state = isRunState(rawState) ? rawState : "";
  const page = positiveInt(searchParams.get("page"), 1);

  // What the user is typing, until the URL has caught up with it.
  const [draft, setDraft] = useState<string | null>(null);
  const [searchUsed, setSearchUsed] = useState(false);
  if (draft !== null && draft === urlQ) setDraft(null);
  const inputValue = draft ?? urlQ;

  useEffect(() => {
    if (draft === null) return;
    return afterTypingPause(() => replaceSearch(pathname, { q: draft || null, page: null }), DEBOUNCE_MS);
  }, [draft, pathname]);

  const setUrl = (changes: Record<string, string | null>) => replaceSearch(pathname, changes);

  // The server rendered the first page for the address it was asked: use it while the URL still says the same.
  const fromServer = initial && initial.q === urlQ && initial.state === state && initial.page === page ? initial.data : undefined;
  const query = useQuery({ ...appsOptions({ q: urlQ, state, page, size: APPS_PAGE_SIZE }), initialData: fromServer, staleTime: fromServer ? 10_000 : 0 });
  const data = query.data;
  // Until the server answers a new term, show its rows at once (marked busy): from every app, read once the search
  // box is first used, or else — when the term only grows — by narrowing the rows on screen.
  const every = useQuery({ ...everyAppOptions(state), enabled: searchUsed });
  const typed = inputValue.trim().toLocaleLowerCase();
  const searched = urlQ.trim().toLocaleLowerCase();
  const matches = (list: AppItem[]) => list.filter((a) => a.name.toLocaleLowerCase().includes(typed));
  const preview =
    data === undefined || typed === searched
      ? null
      : every.data
        ? matches(every.data).slice(0, APPS_PAGE_SIZE)
        : typed.includes(searched)
          ? matches(data.items)
          : null;
  const narrowing = preview !== null;
  const items = preview ?? data?.items ?? [];
  const filtered = urlQ !== "" || state !== "";
  // Nothing granted yet: an empty list says nothing about the project, so say what is missing instead.
  const me = useQuery(meOptions()).data;
  const noAccess = me !== undefined && !me.user.isAdmin && me.grants.length === 0;

  return (
    <Card>
      <div className="flex flex-wrap items-end gap-3 border-b border-zinc-200 px-4 py-3">
        <div className="w-full max-w-sm min-w-48 flex-1">
          <Label htmlFor="app-search">{t("searchLabel")}</Label>
          <Input
            id="app-search"
            data-testid="app-search"
            type="search"
            maxLength={128}
            autoComplete="off"
            placeholder={t("searchPlaceholder")}
            value={inputValue}
            onFocus={() => setSearchUsed(true)}
            onChange={(e) => setDraft(e.target.value)}
          />
        </div>
        <div className="w-48">
          <Label htmlFor="state-filter">{t("stateLabel")}</Label>
          <Select id="state-filter" data-testid="state-filter" value={state} onChange={(e) => setUrl({ state: e.target.value || null, page: null })}>
            <option value="">{t("allStates")}</option>
            {FILTERABLE_STATES.map((s) => (
              <option key={s} value={s}>
                {stateLabel(s)}
              </option>
            ))}
          </Select>
        </div>
        {filtered && (
          <Button
            variant="ghost"
            onClick={() => {
              setDraft(null);
              setUrl({ q: null, state: null, page: null });
            }}
          >
            {t("clearFilters")}
          </Button>
        )}
      </div>

      {query.isError && <QueryErrorAlert query={query} />}

      {((!data && query.isPending) || (narrowing && items.length === 0)) && <SkeletonRows label={t("loading")} />}

      {data && !narrowing && items.length === 0 && (
        <p className="px-4 py-12 text-center text-sm text-zinc-500" data-testid="apps-empty">
          {filtered ? t("emptyFiltered") : noAccess ? t("emptyNoAccess") : t("empty")}
        </p>
      )}

      {items.length > 0 && <AppsTable items={items} busy={query.isPlaceholderData || narrowing} />}

      {data && data.total > 0 && (
        <Pagination page={data.page} size={data.size} total={data.total} label={t("pagination")} onPage={(p) => setUrl({ page: p > 1 ? String(p) : null })} />
      )}
    </Card>
  );
}
