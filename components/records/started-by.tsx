"use client";

import { useTranslations } from "next-intl";
import type { StartedBy } from "@/lib/schemas/common";
import { cn } from "@/lib/utils";

/**
 * Who deployed: the person from the console's ledger, with the cloud's IAM user (what CodeArts records as
 * executor) beside it; only the IAM user when the console did not start the record (a pipeline, the cloud's UI).
 */
export function StartedByText({
  by,
  iamUser,
  compact,
  className,
}: {
  by: StartedBy | null | undefined;
  iamUser: string | null;
  compact?: boolean;
  className?: string;
}) {
  const t = useTranslations("startedBy");
  const tc = useTranslations("common");
  const person = by ? (by.name ?? by.email) : null;
  if (!person) {
    return (
      <span data-testid="started-by" data-source="cloud" className={className} title={iamUser ? t("iamOnlyTitle", { user: iamUser }) : undefined}>
        {iamUser ?? tc("none")}
      </span>
    );
  }
  return (
    <span data-testid="started-by" data-source="ledger" className={cn("min-w-0", className)} title={by?.email ?? undefined}>
      <span data-testid="started-by-person" className="font-medium text-zinc-900">
        {person}
      </span>
      {!compact && by?.name && by.email && <span className="ml-1 text-xs text-zinc-500">{by.email}</span>}
      {iamUser && (
        <span data-testid="started-by-iam" className="block text-xs text-zinc-500">
          {t("viaIam", { user: iamUser })}
        </span>
      )}
    </span>
  );
}
