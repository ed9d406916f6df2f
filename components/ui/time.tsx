"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatInstant } from "@/lib/utils";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * An API instant (ISO-8601 UTC) in the viewer's local time, with the UTC time on hover. The server knows no
 * viewer's zone: server-rendered HTML (and hydration) shows the UTC time, marked as such, and the local time
 * replaces it as soon as the page is hydrated.
 */
export function Time({ value, className }: { value: string | null | undefined; className?: string }) {
  const locale = useLocale();
  const t = useTranslations("common");
  const hydrated = useHydrated();
  const formatted = formatInstant(value, locale);
  if (!value || !formatted) return <span className={className}>{t("none")}</span>;
  return (
    <time dateTime={value} title={formatted.utc} className={className}>
      {hydrated ? formatted.local : formatted.utc}
    </time>
  );
}
