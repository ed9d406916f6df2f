"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useState, useSyncExternalStore } from "react";
import { AUDIT_PAGE_SIZE, auditExportHref, auditOptions, type AuditView as AuditViewName } from "@/lib/queries/audit";
import { Button, focusRing } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { SkeletonRows } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";
import { QueryErrorAlert } from "@/components/errors/api-error-alert";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { FILTER_NAMES, hasFilters, readAuditUrl, toApiFilters, type FilterName } from "@/components/audit/audit-url";
import { replaceSearch } from "@/components/ui/url-search";

const DownloadIcon = () => (
  <svg
    width="16"
    height="16"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth={2}
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
    className="shrink-0"
  >
    <path d="M21 15v4a2 2 0 01-2 2H5a2 2 0 01-2-2v-4M7 10l5 5 5-5M12 15V3" />
  </svg>
);

const FILTER_LABELS = {
  app: "filterApp",
  task: "filterTask",
  user: "filterUser",
  action: "filterAction",
  outcome: "filterOutcome",
  from: "filterFrom",
  to: "filterTo",
} as const satisfies Record<FilterName, string>;

/** The count above the list, per reading, exact or "10,000+" (the server stopped counting): [unfiltered, filtered]. */
const TOTALS = {
  attempts: { exact: ["totalAttempts", "totalAttemptsFiltered"], capped: ["totalAttemptsCapped", "totalAttemptsFilteredCapped"] },
  rows: { exact: ["total", "totalFiltered"], capped: ["totalCapped", "totalFilteredCapped"] },
} as const;

const subscribeNever = () => () => {};
/** False while rendering on the server and hydrating: the server cannot know the viewer's time zone. */
const useInBrowser = () =>
  useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );

/** The audit page: filters in the URL, the ledger page by page, and the CSV export of the whole filtered set. */
export function AuditView() {
  const t = useTranslations("audit");
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const state = readAuditUrl(searchParams);
  const filters = toApiFilters(state);
  const filtered = hasFilters(state);
  const inBrowser = useInBrowser();
  // Remounts the filter controls on "Clear filters", dropping drafts that were never applied.
  const [generation, setGeneration] = useState(0);

  const apply = useCallback((name: FilterName, value: string) => replaceSearch(pathname, { [name]: value || null, page: null }), [pathname]);
  const clear = () => {
    setGeneration((g) => g + 1);
    replaceSearch(pathname, Object.fromEntries([...FILTER_NAMES, "page"].map((k) => [k, null])));
  };

  // A filter the page could not read is not dropped in silence: nothing is asked (and shown) until it is fixed.
  const unreadable = state.rejected.length > 0;
  const view: AuditViewName = searchParams.get("view") === "rows" ? "rows" : "attempts";
  const query = useQuery({ ...auditOptions({ ...filters, page: state.page, size: AUDIT_PAGE_SIZE }, view), enabled: !unreadable });
  const data = unreadable ? undefined : query.data;
  const pastTheEnd = data !== undefined && data.items.length === 0 && data.total > 0;

  return (
    <Card data-testid="audit-view">
      <div className="border-b border-zinc-200 px-4 py-3">
        <AuditFilters key={generation} state={state} onApply={apply} />
      </div>
      <div className="flex flex-wrap items-center gap-2 border-b border-zinc-200 bg-zinc-50/60 px-4 py-2">
        <p className="mr-auto text-xs text-zinc-600" role="status" data-testid="audit-total">
          {unreadable ? t("badFiltersTotal") : data ? t(TOTALS[view][data.capped ? "capped" : "exact"][filtered ? 1 : 0], { total: data.total }) : t("loading")}
        </p>
        <div role="group" aria-label={t("viewLabel")} className="inline-flex rounded-md border border-zinc-300 bg-white p-0.5" data-testid="audit-view-switch">
          {(["attempts", "rows"] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              data-testid={`audit-view-${v}`}
              onClick={() => replaceSearch(pathname, { view: v === "rows" ? "rows" : null, page: null })}
              className={cn("h-7 rounded px-2 text-xs font-medium", view === v ? "bg-zinc-900 text-white" : "text-zinc-700 hover:bg-zinc-100", focusRing)}
            >
              {t(v === "rows" ? "viewRows" : "viewAttempts")}
            </button>
          ))}
        </div>
        {filtered && (
          <Button size="sm" variant="ghost" data-testid="audit-clear" onClick={clear}>
            {t("clearFilters")}
          </Button>
        )}
        <Button size="sm" variant="ghost" pending={query.isFetching && !query.isPending} onClick={() => void query.refetch()}>
          {t("refresh")}
        </Button>
        <a
          // Day filters become instants in the viewer's zone: only the browser can write this link.
          href={inBrowser ? auditExportHref(filters) : undefined}
          aria-disabled={inBrowser ? undefined : true}
          download
          data-testid="audit-export"
          title={t("exportHint")}
          className={cn(
            "inline-flex h-8 items-center gap-1.5 rounded-md border border-zinc-300 bg-white px-2.5 text-xs font-medium text-zinc-800 shadow-sm hover:bg-zinc-50",
            focusRing,
          )}
        >
          <DownloadIcon />
          {t("export")}
          <span className="sr-only">{t(filtered ? "exportFilteredSr" : "exportAllSr")}</span>
        </a>
      </div>

      {unreadable && (
        <div role="alert" data-testid="audit-bad-filters" className="space-y-2 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p className="font-medium">{t("badFiltersTitle")}</p>
          <ul className="list-disc space-y-0.5 pl-5">
            {state.rejected.map(({ name, value }) => (
              <li key={name} className="break-all">
                {t("badFilter", { filter: t(FILTER_LABELS[name]), value: value.length > 80 ? `${value.slice(0, 80)}…` : value })}
              </li>
            ))}
          </ul>
          <Button
            size="sm"
            data-testid="audit-drop-bad-filters"
            onClick={() => replaceSearch(pathname, Object.fromEntries(state.rejected.map((r) => [r.name, null])))}
          >
            {t("dropBadFilters")}
          </Button>
        </div>
      )}

      {query.isError && !unreadable && <QueryErrorAlert query={query} />}

      {!data && !unreadable && query.isPending && <SkeletonRows rows={8} columns={7} label={t("loading")} />}

      {data && data.items.length === 0 && (
        <div className="px-4 py-12 text-center text-sm text-zinc-500" data-testid="audit-empty">
          <p>{pastTheEnd ? t("pastTheEnd") : filtered ? t("emptyFiltered") : t("empty")}</p>
          {pastTheEnd && (
            <Button size="sm" className="mt-3" onClick={() => replaceSearch(pathname, { page: null })}>
              {t("firstPage")}
            </Button>
          )}
        </div>
      )}

      {data && data.items.length > 0 && <AuditTable items={data.items} busy={query.isPlaceholderData} />}

      {data && data.total > 0 && (
        <Pagination
          page={data.page}
          size={data.size}
          total={data.total}
          more={data.capped}
          label={t("pagination")}
          onPage={(p) => replaceSearch(pathname, { page: p > 1 ? String(p) : null })}
        />
      )}
    </Card>
  );
}
