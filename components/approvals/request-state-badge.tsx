"use client";

import { useTranslations } from "next-intl";
import type { ApprovalState } from "@/lib/schemas/approval-rules";
import { cn } from "@/lib/utils";

/** The one place where an approval request's state gets its colour; labels come from `approvals.states`. */
const STATE_STYLE: Record<ApprovalState, string> = {
  pending: "bg-amber-50 text-amber-900 ring-amber-600/30",
  approved: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  rejected: "bg-red-50 text-red-700 ring-red-600/20",
  executing: "bg-blue-50 text-blue-700 ring-blue-600/20",
  executed: "bg-zinc-100 text-zinc-700 ring-zinc-500/25",
  expired: "bg-zinc-50 text-zinc-600 ring-zinc-500/20",
};

export function RequestStateBadge({ state }: { state: ApprovalState }) {
  const t = useTranslations("approvals.states");
  return (
    <span
      data-testid="request-state"
      data-state={state}
      className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", STATE_STYLE[state])}
    >
      {t(state)}
    </span>
  );
}
