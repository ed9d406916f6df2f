"use client";

import { useLocale, useTranslations } from "next-intl";
import type { AppAccess, Role } from "@/lib/schemas/access";
import { cn } from "@/lib/utils";
import { ShieldIcon } from "@/components/ui/icons";

/**
 * One list formatter per locale for the page's life: a first Intl.ListFormat loads the locale's list data (tens of
 * ms on a throttled phone), and the picker asks for one per row.
 */
const listFormats = new Map<string, Intl.ListFormat>();
const listFormatOf = (locale: string) => {
  let f = listFormats.get(locale);
  if (!f) listFormats.set(locale, (f = new Intl.ListFormat(locale, { type: "disjunction" })));
  return f;
};

/** Why the user may not deploy here, and whom to ask — one localised sentence from AppAccess. */
export function useDenyText(): (access: AppAccess) => string {
  const t = useTranslations("access");
  const locale = useLocale();
  return (access) => {
    const grantors = listFormatOf(locale).format(access.grantors);
    return t("deniedSentence", {
      reason: t(`deny.${access.denyReason ?? "needs_deployer"}`),
      hasGrantors: access.grantors.length > 0 ? "yes" : "no",
      grantors,
    });
  };
}

/** Role → its localised name (one map for the whole UI). */
export function useRoleLabel(): (role: Role | null) => string {
  const t = useTranslations("roles");
  return (role) => (role ? t(role) : t("none"));
}

/** The mark of a protected app (start and rollback need the typed name and a reason). */
export function ProtectedBadge({ testId, className }: { testId?: string; className?: string }) {
  const t = useTranslations("access");
  return (
    <span
      data-testid={testId}
      title={t("protectedHint")}
      className={cn("inline-flex items-center gap-1 rounded bg-violet-100 px-2 py-0.5 text-xs font-medium text-violet-900", className)}
    >
      <ShieldIcon className="size-3" />
      {t("protected")}
      <span className="sr-only">: {t("protectedHint")}</span>
    </span>
  );
}
