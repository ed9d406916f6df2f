import { getTranslations } from "next-intl/server";
import { DetailSkeleton } from "@/components/layout/page-heading";

export default async function Loading() {
  const t = await getTranslations("record");
  return <DetailSkeleton label={t("loading")} panels={3} />;
}
