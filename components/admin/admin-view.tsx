"use client";

import { useTranslations } from "next-intl";
import { Link } from "@/components/ui/link";
import { AdminGate } from "@/components/admin/admin-gate";
import { UsersPanel } from "@/components/admin/users-panel";
import { TeamsPanel } from "@/components/admin/teams-panel";
import { GrantsPanel } from "@/components/admin/grants-panel";
import { ProtectedPanel } from "@/components/admin/protected-panel";
import { FreezePanel } from "@/components/admin/freeze-panel";
import { ApprovalAppsPanel } from "@/components/approvals/approval-apps-panel";

const SECTIONS = ["users", "teams", "grants", "protected"] as const;
const SECTION_LINK =
  "rounded-md border border-zinc-200 bg-white px-3 py-1.5 font-medium text-zinc-700 shadow-xs hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

/** The admin page's body: admins get the five sections; everyone else a clear "admins only". */
export function AdminView() {
  const t = useTranslations("admin");
  const tf = useTranslations("freeze");
  const ta = useTranslations("approvals.admin");
  return (
    <AdminGate text={{ loading: t("loading"), title: t("onlyAdminsTitle"), body: t("onlyAdminsBody") }} testId="admin-denied">
      {(me) => (
        <div className="space-y-6">
          <nav aria-label={t("sectionsNav")}>
            <ul className="flex flex-wrap gap-2 text-sm">
              {[
                ...SECTIONS.map((s) => ({ id: s, label: t(`${s}.title`) })),
                { id: "freeze", label: tf("admin.title") },
                { id: "approvals", label: ta("title") },
              ].map(({ id, label }) => (
                <li key={id}>
                  <a href={`#${id}`} className={`inline-block ${SECTION_LINK}`}>
                    {label}
                  </a>
                </li>
              ))}
              {/* Notifications have a page of their own (their panels' code is not loaded here). */}
              <li>
                <Link href="/admin/notifications" data-testid="admin-notifications-link" className={`inline-block ${SECTION_LINK}`}>
                  {t("notificationsLink")}
                </Link>
              </li>
            </ul>
          </nav>
          <UsersPanel meId={me.user.id} />
          <TeamsPanel />
          <GrantsPanel />
          <ProtectedPanel />
          <FreezePanel />
          <ApprovalAppsPanel />
        </div>
      )}
    </AdminGate>
  );
}
