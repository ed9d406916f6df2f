"use client";

import type { ReactNode } from "react";
import type { LedgerEntry } from "@/lib/schemas/ledger";
import { cn } from "@/lib/utils";
import { LockIcon } from "@/components/ui/icons";
import { Time } from "@/components/ui/time";
import { ActionLabel, ActorCell, PhaseBadge } from "@/components/audit/ledger-labels";

/** A column header: its text, and its own classes where they differ from the row's shared ones. */
export type HeaderColumn = string | { label: string; className: string };

/** The header cells of a ledger or parameter table, in order. */
export function HeaderCells({ columns, className }: { columns: HeaderColumn[]; className: string }) {
  return columns.map((c, i) => {
    const { label, className: own } = typeof c === "string" ? { label: c, className } : c;
    return (
      <th key={i} scope="col" className={own}>
        {label}
      </th>
    );
  });
}

/** The first four cells every ledger row shows: when, who, what, and how it ended. */
export function EntryLeadCells({ entry, td }: { entry: LedgerEntry; td: string }) {
  return (
    <>
      <td className={cn(td, "text-xs whitespace-nowrap text-zinc-700")}>
        <Time value={entry.at} />
      </td>
      <td className={td}>
        <ActorCell actor={entry.actor} />
      </td>
      <td className={td}>
        <ActionLabel entry={entry} />
      </td>
      <td className={td}>
        <PhaseBadge entry={entry} />
      </td>
    </>
  );
}

/** A value that is not shown: the lock, then what stands in for it; `hint` names it for the pointer and screen readers. */
export function HiddenValue({ hint, className, children }: { hint: string; className: string; children: ReactNode }) {
  return (
    <span className={className} title={hint}>
      <LockIcon className="size-3" />
      {children}
      <span className="sr-only">{hint}</span>
    </span>
  );
}
