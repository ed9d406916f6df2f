import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/layout/page-heading";
import { AdminView } from "@/components/admin/admin-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("title") };
}

export default async function AdminPage() {
  const t = await getTranslations("admin");
  return (
    <div className="space-y-5">
      <PageHeading title={t("title")} description={t("description")} />
      <AdminView />
    </div>
  );
}
