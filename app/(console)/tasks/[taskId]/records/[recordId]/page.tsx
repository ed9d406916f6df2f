import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { idSchema } from "@/lib/schemas/deploy";
import { RecordView } from "@/components/records/record-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("record");
  return { title: t("title") };
}

export default async function RecordPage({ params }: { params: Promise<{ taskId: string; recordId: string }> }) {
  const { taskId, recordId } = await params;
  if (!idSchema.safeParse(taskId).success || !idSchema.safeParse(recordId).success) notFound();
  return <RecordView taskId={taskId} recordId={recordId} />;
}
