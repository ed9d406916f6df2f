"use client";

import { useTranslations } from "next-intl";
import { AdminGate } from "@/components/admin/admin-gate";
import { ChannelsPanel } from "@/components/notify/admin-channels-panel";
import { SubscriptionsPanel } from "@/components/notify/admin-subscriptions-panel";

/** The notifications page's body: admins get channels and subscriptions; everyone else a clear "admins only". */
export function NotifyAdminView() {
  const t = useTranslations("notifyAdmin");
  return (
    <AdminGate text={{ loading: t("loading"), title: t("onlyAdminsTitle"), body: t("onlyAdminsBody") }} testId="notify-admin-denied">
      {() => (
        <div className="space-y-6">
          <ChannelsPanel />
          <SubscriptionsPanel />
        </div>
      )}
    </AdminGate>
  );
}
