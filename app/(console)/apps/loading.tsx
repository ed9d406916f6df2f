import { getTranslations } from "next-intl/server";
import { AppsSkeleton, PageHeading } from "@/components/layout/page-heading";

export default async function Loading() {
  const t = await getTranslations("apps");
  return (
    <div className="space-y-5">
      <PageHeading title={t("title")} description={t("description")} />
      <AppsSkeleton label={t("loading")} />
    </div>
  );
}
