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
}: {
  page: number;
  size: number;
  total: number;
  onPage: (page: number) => void;
  /** What is being paged, for the nav landmark's name. */
  label: string;
}) {
  const t = useTranslations("common");
  const pages = Math.max(1, Math.ceil(total / size));
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-2 border-t border-zinc-200 px-4 py-2.5 text-xs text-zinc-600">
      {/* The range only: each list names its total in its own words (e.g. "181 entries") above it. */}
      <span>{t("range", { first: Math.min(total, (page - 1) * size + 1), last: Math.min(total, page * size), total })}</span>
      <div className="flex items-center gap-2">
        <Button size="sm" variant="ghost" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          <ChevronLeftIcon />
          {t("previous")}
        </Button>
        <span aria-current="page">{t("pageOf", { page: Math.min(page, pages), pages })}</span>
        <Button size="sm" variant="ghost" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          {t("next")}
          <ChevronRightIcon />
        </Button>
      </div>
    </nav>
  );
}
