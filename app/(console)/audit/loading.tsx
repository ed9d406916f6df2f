import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/layout/page-heading";
import { AuditSkeleton } from "@/components/audit/audit-skeleton";

export default async function Loading() {
  const t = await getTranslations("audit");
  return (
    <div className="space-y-5">
      <PageHeading title={t("title")} description={t("description")} />
      <AuditSkeleton label={t("loading")} />
    </div>
  );
}
