import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { uuidSchema } from "@/lib/schemas/common";
import { RequestView } from "@/components/approvals/request-view";
import { PageMessages } from "@/components/layout/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("approvals");
  return { title: t("requestPageTitle") };
}

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Not a request id: no request can have it.
  if (!uuidSchema.safeParse(id).success) notFound();
  return (
    <PageMessages page="app/(console)/requests/[id]/page.tsx">
      <RequestView id={id} />
    </PageMessages>
  );
}
