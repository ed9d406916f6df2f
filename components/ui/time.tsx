"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatInstant } from "@/lib/utils";

/** An API instant (ISO-8601 UTC) in the viewer's local time, with the UTC time on hover. */
export function Time({ value, className }: { value: string | null | undefined; className?: string }) {
  const locale = useLocale();
  const t = useTranslations("common");
  const formatted = formatInstant(value, locale);
  if (!value || !formatted) return <span className={className}>{t("none")}</span>;
  return (
    // The server renders in its own zone; the browser's local rendering wins without a warning.
    <time dateTime={value} title={formatted.utc} className={className} suppressHydrationWarning>
      {formatted.local}
    </time>
  );
}
