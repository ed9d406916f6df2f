import { getTranslations } from "next-intl/server";
import { DetailSkeleton, PageHeading } from "@/components/layout/page-heading";

export default async function Loading() {
  const t = await getTranslations("notifyAdmin");
  return (
    <div className="space-y-5">
      <PageHeading title={t("title")} description={t("description")} />
      <DetailSkeleton label={t("loading")} panels={2} />
    </div>
  );
}
