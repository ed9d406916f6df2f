"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils";
import { ScrollBox } from "@/components/ui/scroll-box";
import { SkeletonRows } from "@/components/ui/skeleton";
import { QueryErrorAlert } from "@/components/errors/api-error-alert";

const th = "px-4 py-2 text-left text-xs font-medium text-zinc-500";
/** A body cell's classes (rows are written by the caller). */
export const td = "px-4 py-2.5 align-middle";
const tableClass = "w-full text-sm";
const theadClass = "border-b border-zinc-200 bg-zinc-50/80";
const tbodyClass = "divide-y divide-zinc-100";

/** What a list shows instead of rows: skeleton, error with retry, or the empty sentence. */
function ListState({ query, empty, loading }: { query: UseQueryResult<unknown[]>; empty: string; loading: string }) {
  if (query.isError && query.data === undefined) {
    return <QueryErrorAlert query={query} />;
  }
  if (query.isPending) return <SkeletonRows rows={3} columns={4} label={loading} />;
  if (query.data?.length === 0) return <p className="px-4 py-6 text-center text-sm text-zinc-500">{empty}</p>;
  return null;
}

/** A list column: its header text and the classes it adds to the header cell (e.g. hidden on small screens). */
export interface TableColumn {
  label: string;
  className?: string;
}

/**
 * A list from a query: the state (skeleton, error, empty) or the table with its columns and an unlabeled actions
 * column; `notice` sits between the state and the table (e.g. a failed row action).
 */
export function DataTable<T>({
  query,
  empty,
  loading,
  caption,
  columns,
  notice,
  children,
}: {
  query: UseQueryResult<T[]>;
  empty: string;
  loading: string;
  caption: string;
  columns: TableColumn[];
  notice?: ReactNode;
  children: (rows: T[]) => ReactNode;
}) {
  const tc = useTranslations("common");
  const rows = query.data;
  return (
    <>
      <ListState query={query} empty={empty} loading={loading} />
      {notice}
      {rows && rows.length > 0 && (
        <ScrollBox>
          <table className={tableClass}>
            <caption className="sr-only">{caption}</caption>
            <thead className={theadClass}>
              <tr>
                {columns.map((c) => (
                  <th key={c.label} scope="col" className={cn(th, c.className)}>
                    {c.label}
                  </th>
                ))}
                <th scope="col" className={cn(th, "text-right")}>
                  <span className="sr-only">{tc("actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className={tbodyClass}>{children(rows)}</tbody>
          </table>
        </ScrollBox>
      )}
    </>
  );
}
