import { getTranslations } from "next-intl/server";
import { AdminNavLink } from "@/components/layout/admin-nav-link";
import { Brand } from "@/components/layout/brand";
import { LanguageSwitcher } from "@/components/layout/language-switcher";
import { NavLink } from "@/components/layout/nav-link";
import { UserMenu } from "@/components/layout/user-menu";
import { InboxBell } from "@/components/notify/inbox-bell";
import { HOME_PATH } from "@/lib/utils";

/** `inbox`: the signed-in user's unread count for the bell (lib/server/page-inbox.ts); null: nobody signed in. */
export async function SiteHeader({ inbox }: { inbox: { unread: number | null } | null }) {
  const t = await getTranslations("common");
  const ta = await getTranslations("approvals");
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-800 bg-zinc-900">
      {/* On a phone the navigation takes a row of its own under brand, language and sign-out (nothing sticks out). */}
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-2 gap-y-1 px-4 py-2 sm:h-14 sm:flex-nowrap sm:gap-4 sm:px-6 sm:py-0">
        <Brand name={t("productName")} href={HOME_PATH} />
        <nav aria-label={t("mainNav")} className="order-last -mx-2 flex w-full items-center gap-1 sm:order-none sm:mx-0 sm:w-auto">
          <NavLink href="/apps" match={["/apps", "/tasks"]}>
            {t("navApps")}
          </NavLink>
          <NavLink href="/requests" match={["/requests"]} testId="nav-requests">
            {ta("navRequests")}
          </NavLink>
          <NavLink href="/audit" match={["/audit"]} testId="nav-audit">
            {t("navAudit")}
          </NavLink>
          <NavLink href="/api-docs" match={["/api-docs"]} testId="nav-api">
            {t("navApi")}
          </NavLink>
          <AdminNavLink label={t("navAdmin")} />
        </nav>
        <div className="ml-auto flex items-center gap-2 sm:gap-3">
          {inbox && <InboxBell unread={inbox.unread} />}
          <LanguageSwitcher />
          <UserMenu />
        </div>
      </div>
    </header>
  );
}
