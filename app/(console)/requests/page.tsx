import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/layout/page-heading";
import { RequestsView } from "@/components/approvals/requests-view";
import { PageMessages } from "@/components/layout/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("approvals");
  return { title: t("title") };
}

export default async function RequestsPage() {
  const t = await getTranslations("approvals");
  return (
    <PageMessages page="app/(console)/requests/page.tsx">
      <div className="space-y-5">
        <PageHeading title={t("title")} description={t("description")} />
        <RequestsView />
      </div>
    </PageMessages>
  );
}
