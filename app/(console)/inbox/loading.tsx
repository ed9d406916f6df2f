import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/layout/page-heading";
import { SkeletonRows } from "@/components/ui/skeleton";

export default async function Loading() {
  const t = await getTranslations("inbox");
  return (
    <div className="space-y-5">
      <PageHeading title={t("title")} description={t("description")} />
      <div className="rounded-lg border border-zinc-200 bg-white shadow-xs">
        <SkeletonRows rows={5} columns={3} label={t("loading")} />
      </div>
    </div>
  );
}
