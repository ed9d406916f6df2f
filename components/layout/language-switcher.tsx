"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALES, isLocale, localeCookie } from "@/lib/i18n";
import { GlobeIcon } from "@/components/ui/icons";
import { focusRing } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/** Sets the NEXT_LOCALE cookie and re-renders the server tree in the new language (URLs stay the same). */
export function LanguageSwitcher() {
  const t = useTranslations("language");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  return (
    <label className="relative flex items-center gap-1.5 text-sm text-zinc-300">
      <GlobeIcon className="pointer-events-none absolute left-2 text-zinc-400" />
      <span className="sr-only">{t("label")}</span>
      <select
        data-testid="lang-switcher"
        value={locale}
        disabled={pending}
        aria-busy={pending || undefined}
        onChange={(e) => {
          const next = e.target.value;
          if (!isLocale(next)) return;
          document.cookie = localeCookie(next);
          startTransition(() => router.refresh());
        }}
        className={cn(
          "h-8 appearance-auto rounded-md border border-zinc-700 bg-zinc-800 pr-2 pl-7 text-sm text-zinc-100 hover:border-zinc-500 disabled:opacity-60",
          focusRing,
        )}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {t(l)}
          </option>
        ))}
      </select>
    </label>
  );
}
