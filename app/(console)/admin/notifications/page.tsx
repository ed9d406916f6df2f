import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/layout/page-heading";
import { PageMessages } from "@/components/layout/page-messages";
import { Link } from "@/components/ui/link";
import { ChevronLeftIcon } from "@/components/ui/icons";
import { buttonClass } from "@/components/ui/button";
import { NotifyAdminView } from "@/components/notify/admin-notify-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notifyAdmin");
  return { title: t("title") };
}

/** Notification channels and subscriptions (admins): its own route, so the /admin page's JavaScript stays as it is. */
export default async function NotificationsAdminPage() {
  const t = await getTranslations("notifyAdmin");
  return (
    <PageMessages page="app/(console)/admin/notifications/page.tsx">
      <div className="space-y-5">
        <PageHeading
          title={t("title")}
          description={t("description")}
          actions={
            <Link href="/admin" className={buttonClass("ghost", "sm")} data-testid="notify-admin-back">
              <ChevronLeftIcon />
              {t("backToAdmin")}
            </Link>
          }
        />
        <NotifyAdminView />
      </div>
    </PageMessages>
  );
}
