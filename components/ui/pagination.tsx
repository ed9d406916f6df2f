"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { ChevronLeftIcon, ChevronRightIcon } from "@/components/ui/icons";

export function Pagination({
  page,
  size,
  total,
  onPage,
  label,
  more = false,
}: {
  page: number;
  size: number;
  total: number;
  onPage: (page: number) => void;
  /** What is being paged, for the nav landmark's name. */
  label: string;
  /** `total` is a lower bound (the list stopped counting): "of 10,000+", and Next stays on at the last counted page. */
  more?: boolean;
}) {
  const t = useTranslations("common");
  const pages = Math.max(1, Math.ceil(total / size));
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-2 border-t border-zinc-200 px-4 py-2.5 text-xs text-zinc-600">
      {/* The range only: each list names its total in its own words (e.g. "181 entries") above it. */}
      <span>{t(more ? "rangeMore" : "range", { first: Math.min(total, (page - 1) * size + 1), last: Math.min(total, page * size), total })}</span>
      <div className="flex items-center gap-2">
        <Button size="sm" variant="ghost" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          <ChevronLeftIcon />
          {t("previous")}
        </Button>
        <span aria-current="page">{t(more ? "pageOfMore" : "pageOf", { page: Math.min(page, pages), pages })}</span>
        <Button size="sm" variant="ghost" disabled={page >= pages && !more} onClick={() => onPage(page + 1)}>
          {t("next")}
          <ChevronRightIcon />
        </Button>
      </div>
    </nav>
  );
}
