import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RocketIcon } from "@/components/ui/icons";
import { LanguageSwitcher } from "@/components/layout/language-switcher";
import { NavLink } from "@/components/layout/nav-link";

export async function SiteHeader() {
  const t = await getTranslations("common");
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-800 bg-zinc-900">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-4 px-4 sm:px-6">
        <Link
          href="/apps"
          className="flex items-center gap-2 rounded-md font-semibold text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-400"
        >
          <span className="flex size-7 items-center justify-center rounded-md bg-blue-600">
            <RocketIcon />
          </span>
          <span className="hidden sm:inline">{t("productName")}</span>
        </Link>
        <nav aria-label={t("mainNav")} className="flex items-center gap-1">
          <NavLink href="/apps" match={["/apps", "/tasks"]}>
            {t("navApps")}
          </NavLink>
        </nav>
        <div className="ml-auto">
          <LanguageSwitcher />
        </div>
      </div>
    </header>
  );
}
