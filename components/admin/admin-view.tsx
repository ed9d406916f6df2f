"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { meOptions } from "@/lib/queries/me";
import { LockIcon } from "@/components/ui/icons";
import { Link } from "@/components/ui/link";
import { DetailSkeleton } from "@/components/layout/page-heading";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";
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
  const me = useQuery(meOptions());

  if (me.isError && !me.data) return <ApiErrorAlert error={me.error} />;
  if (!me.data) return <DetailSkeleton label={t("loading")} panels={2} />;
  if (!me.data.user.isAdmin) {
    return (
      <div
        data-testid="admin-denied"
        role="alert"
        className="flex max-w-2xl gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-4 text-sm text-amber-950"
      >
        <LockIcon className="mt-0.5 shrink-0 text-amber-600" />
        <div>
          <p className="font-semibold">{t("onlyAdminsTitle")}</p>
          <p className="mt-1">{t("onlyAdminsBody")}</p>
        </div>
      </div>
    );
  }

  return (
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
      <UsersPanel meId={me.data.user.id} />
      <TeamsPanel />
      <GrantsPanel />
      <ProtectedPanel />
      <FreezePanel />
      <ApprovalAppsPanel />
    </div>
  );
}
