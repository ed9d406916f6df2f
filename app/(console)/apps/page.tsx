import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { AppsView } from "@/components/apps/apps-view";
import { AppsSkeleton, PageHeading } from "@/components/layout/page-heading";
import { APPS_PAGE_SIZE } from "@/lib/queries/apps";
import { firstAppsPage } from "@/lib/server/first-apps-page";
import { PageMessages } from "@/components/layout/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apps");
  return { title: t("title") };
}

/** Renders with the first page of apps, so the rows come with the HTML (streamed after the page's shell). */
async function AppsWithFirstPage({ search }: { search: Promise<Record<string, string | string[] | undefined>> }) {
  return <AppsView initial={await firstAppsPage(await search, APPS_PAGE_SIZE)} />;
}

export default async function AppsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations("apps");
  return (
    <PageMessages page="app/(console)/apps/page.tsx">
      <div className="space-y-5">
        <PageHeading title={t("title")} description={t("description")} />
        {/* useSearchParams reads the URL on the client; the boundary keeps the shell renderable without it. */}
        <Suspense fallback={<AppsSkeleton label={t("loading")} />}>
          <AppsWithFirstPage search={searchParams} />
        </Suspense>
      </div>
    </PageMessages>
  );
}
