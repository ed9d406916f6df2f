"use client";

import { useTranslations } from "next-intl";
import type { RunState } from "@/lib/schemas/common";
import { cn } from "@/lib/utils";

/** The run states the picker can filter on (the cloud's `states` vocabulary; "unknown" is ours only). */
export const FILTERABLE_STATES = [
  "running",
  "succeeded",
  "failed",
  "abort",
  "pending",
  "timeout",
  "not_started",
  "not_executed",
] as const satisfies readonly RunState[];

export const isRunState = (value: string): value is RunState => (FILTERABLE_STATES as readonly string[]).includes(value) || value === "unknown";

/** The one place where a state gets its colour and marker. Labels come from the `states` catalog. */
const STATE_STYLE: Record<RunState, { badge: string; dot: string; pulse?: boolean }> = {
  running: { badge: "bg-blue-50 text-blue-700 ring-blue-600/20", dot: "bg-blue-500", pulse: true },
  pending: { badge: "bg-amber-50 text-amber-800 ring-amber-600/25", dot: "bg-amber-500", pulse: true },
  succeeded: { badge: "bg-emerald-50 text-emerald-700 ring-emerald-600/20", dot: "bg-emerald-500" },
  failed: { badge: "bg-red-50 text-red-700 ring-red-600/20", dot: "bg-red-500" },
  timeout: { badge: "bg-orange-50 text-orange-800 ring-orange-600/25", dot: "bg-orange-500" },
  abort: { badge: "bg-zinc-100 text-zinc-700 ring-zinc-500/25", dot: "bg-zinc-500" },
  not_started: { badge: "bg-zinc-50 text-zinc-600 ring-zinc-500/20", dot: "bg-zinc-400" },
  not_executed: { badge: "bg-white text-zinc-500 ring-zinc-300", dot: "bg-zinc-300" },
  unknown: { badge: "bg-white text-zinc-500 ring-zinc-300", dot: "bg-zinc-300" },
};

export function RecordStatusBadge({ state, testId, className }: { state: RunState; testId?: string; className?: string }) {
  const t = useTranslations("states");
  const style = STATE_STYLE[state] ?? STATE_STYLE.unknown;
  return (
    <span
      data-testid={testId}
      data-state={state}
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        style.badge,
        className,
      )}
    >
      <span aria-hidden="true" className="relative flex size-2">
        {style.pulse && <span className={cn("absolute inline-flex size-full animate-ping rounded-full opacity-60", style.dot)} />}
        <span className={cn("relative inline-flex size-2 rounded-full", style.dot)} />
      </span>
      {t(state)}
    </span>
  );
}

/** Hook for places that need the label as text (select options, announcements). */
export function useStateLabel() {
  const t = useTranslations("states");
  return (state: RunState) => t(state);
}
