import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { AppsView } from "@/components/apps/apps-view";
import { AppsSkeleton, PageHeading } from "@/components/layout/page-heading";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apps");
  return { title: t("title") };
}

export default async function AppsPage() {
  const t = await getTranslations("apps");
  return (
    <div className="space-y-5">
      <PageHeading title={t("title")} description={t("description")} />
      {/* useSearchParams reads the URL on the client; the boundary keeps the shell renderable without it. */}
      <Suspense fallback={<AppsSkeleton label={t("loading")} />}>
        <AppsView />
      </Suspense>
    </div>
  );
}
