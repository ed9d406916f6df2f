"use client";

import { useTranslations } from "next-intl";
import type { LedgerEntry, LedgerPhase } from "@/lib/schemas/ledger";
import { cn } from "@/lib/utils";
import { SnowflakeIcon } from "@/components/ui/icons";

/** The one place where a ledger phase gets its colour. Labels come from the `ledger.phases` catalog. */
const PHASE_STYLE: Record<LedgerPhase, string> = {
  requested: "bg-blue-50 text-blue-700 ring-blue-600/20",
  started: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  refused: "bg-red-50 text-red-700 ring-red-600/20",
  failed: "bg-red-50 text-red-700 ring-red-600/20",
  in_doubt: "bg-amber-50 text-amber-900 ring-amber-600/30",
  not_started: "bg-zinc-50 text-zinc-600 ring-zinc-500/20",
  stopped: "bg-zinc-100 text-zinc-700 ring-zinc-500/25",
  denied: "bg-rose-50 text-rose-800 ring-rose-600/25",
  recorded: "bg-violet-50 text-violet-800 ring-violet-600/20",
  finished: "bg-teal-50 text-teal-800 ring-teal-600/20",
};

/**
 * A ledger row's phase. A `requested` row also says whether its outcome is known yet: "awaiting outcome" while
 * the cloud call is under way (or its process died), "in doubt" until the reconciler has decided.
 */
export function PhaseBadge({ entry, className }: { entry: Pick<LedgerEntry, "phase" | "resolution">; className?: string }) {
  const t = useTranslations("ledger");
  const { phase, resolution } = entry;
  const pending = phase === "requested" && (resolution === "open" || resolution === "in_doubt");
  return (
    <span
      data-testid="ledger-phase"
      data-phase={phase}
      data-resolution={resolution ?? undefined}
      className={cn(
        "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        PHASE_STYLE[phase] ?? PHASE_STYLE.requested,
        className,
      )}
    >
      {t(`phases.${phase}`)}
      {pending && <span className="font-normal opacity-80">· {t(`resolution.${resolution}`)}</span>}
    </span>
  );
}

/**
 * "Start", "Rollback", "Stop", or for a refused attempt "Denied" with what was attempted; a start an administrator
 * let through freeze windows carries the override, naming them.
 */
export function ActionLabel({ entry }: { entry: Pick<LedgerEntry, "action" | "attempted"> & { override?: LedgerEntry["override"] } }) {
  const t = useTranslations("ledger");
  const tf = useTranslations("freeze");
  const override = entry.override ?? [];
  return (
    <span className="whitespace-nowrap">
      <span className="font-medium text-zinc-900">{t(`actions.${entry.action}`)}</span>
      {entry.action === "denied" && entry.attempted && (
        <span className="block text-xs text-zinc-500">{t("attempted", { action: t(`actions.${entry.attempted}`) })}</span>
      )}
      {override.length > 0 && (
        <span
          data-testid="ledger-freeze-override"
          className="mt-0.5 flex w-fit max-w-56 items-center gap-1 rounded bg-sky-100 px-1.5 py-0.5 text-[11px] font-medium whitespace-normal text-sky-900"
        >
          <SnowflakeIcon className="size-3" />
          {tf("overrideOf", { names: override.map((w) => `“${w.name}”`).join(", ") })}
        </span>
      )}
    </span>
  );
}

/** Who: name and e-mail, and the API token when the request came with one; nobody for a refused request without a session. */
export function ActorCell({ actor }: { actor: LedgerEntry["actor"] }) {
  const t = useTranslations("ledger");
  if (!actor.id && !actor.name && !actor.email) return <span className="text-zinc-500 italic">{t("notSignedIn")}</span>;
  return (
    <span className="block max-w-48 min-w-0">
      <span className="block truncate font-medium text-zinc-900" title={actor.name ?? actor.email ?? undefined}>
        {actor.name || actor.email}
      </span>
      {actor.name && actor.email && (
        <span className="block truncate text-xs text-zinc-500" title={actor.email}>
          {actor.email}
        </span>
      )}
      {actor.token && (
        <span data-testid="ledger-token" className="block truncate text-xs text-zinc-600" title={actor.token.id}>
          {t("viaToken", { name: actor.token.name })}
        </span>
      )}
    </span>
  );
}

/** The answer's codes: HTTP status and console code, the upstream error_code and the upstream request id. */
export function LedgerCodes({ entry }: { entry: LedgerEntry }) {
  const t = useTranslations("ledger");
  const none = !entry.status && !entry.errorCode && !entry.upstreamErrorCode && !entry.upstreamRequestId;
  if (none) return <span className="text-zinc-400">{t("none")}</span>;
  return (
    <span className="block space-y-0.5 font-mono text-[11px] leading-4 text-zinc-700" data-testid="ledger-codes">
      {(entry.status || entry.errorCode) && (
        <span className="block whitespace-nowrap">
          {entry.status ? <span className={entry.status >= 400 ? "text-red-700" : undefined}>{entry.status}</span> : null}
          {entry.status && entry.errorCode ? " " : null}
          {entry.errorCode}
        </span>
      )}
      {entry.upstreamErrorCode && (
        <span className="block whitespace-nowrap" title={t("upstreamCode")}>
          <span className="sr-only">{t("upstreamCode")}: </span>
          {entry.upstreamErrorCode}
        </span>
      )}
      {entry.upstreamRequestId && (
        <span className="block max-w-40 truncate text-zinc-500 select-all" title={`${t("upstreamRequestId")}: ${entry.upstreamRequestId}`}>
          <span className="sr-only">{t("upstreamRequestId")}: </span>
          {entry.upstreamRequestId}
        </span>
      )}
    </span>
  );
}

/** The console page of the record a row created or addressed; falls back to the ids when the API sent no link. */
export function recordHref(entry: Pick<LedgerEntry, "recordLink" | "taskId" | "recordId">): string | null {
  if (entry.recordLink) return entry.recordLink;
  return entry.taskId && entry.recordId ? `/tasks/${entry.taskId}/records/${entry.recordId}` : null;
}
