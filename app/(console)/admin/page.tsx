import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/layout/page-heading";
import { AdminView } from "@/components/admin/admin-view";
import { PageMessages } from "@/components/layout/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("title") };
}

export default async function AdminPage() {
  const t = await getTranslations("admin");
  return (
    <PageMessages page="app/(console)/admin/page.tsx">
      <div className="space-y-5">
        <PageHeading title={t("title")} description={t("description")} />
        <AdminView />
      </div>
    </PageMessages>
  );
}
