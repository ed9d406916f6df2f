import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { PageHeading } from "@/components/layout/page-heading";
import { AuditSkeleton } from "@/components/audit/audit-skeleton";
import { AuditView } from "@/components/audit/audit-view";
import { PageMessages } from "@/components/layout/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

export default async function AuditPage() {
  const t = await getTranslations("audit");
  return (
    <PageMessages page="app/(console)/audit/page.tsx">
      <div className="space-y-5">
        <PageHeading title={t("title")} description={t("description")} />
        {/* useSearchParams reads the URL on the client; the boundary keeps the shell renderable without it. */}
        <Suspense fallback={<AuditSkeleton label={t("loading")} />}>
          <AuditView />
        </Suspense>
      </div>
    </PageMessages>
  );
}
