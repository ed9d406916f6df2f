"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { meOptions } from "@/lib/queries/me";
import { LockIcon } from "@/components/ui/icons";
import { DetailSkeleton } from "@/components/layout/page-heading";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";
import { ChannelsPanel } from "@/components/notify/admin-channels-panel";
import { SubscriptionsPanel } from "@/components/notify/admin-subscriptions-panel";

/** The notifications page's body: admins get channels and subscriptions; everyone else a clear "admins only". */
export function NotifyAdminView() {
  const t = useTranslations("notifyAdmin");
  const me = useQuery(meOptions());

  if (me.isError && !me.data) return <ApiErrorAlert error={me.error} />;
  if (!me.data) return <DetailSkeleton label={t("loading")} panels={2} />;
  if (!me.data.user.isAdmin) {
    return (
      <div
        data-testid="notify-admin-denied"
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
      <ChannelsPanel />
      <SubscriptionsPanel />
    </div>
  );
}
