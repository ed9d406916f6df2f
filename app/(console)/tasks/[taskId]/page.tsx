import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { idSchema } from "@/lib/schemas/deploy";
import { TaskView } from "@/components/tasks/task-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("task");
  return { title: t("title") };
}

export default async function TaskPage({ params }: { params: Promise<{ taskId: string }> }) {
  const { taskId } = await params;
  // Not a CodeArts id: no request can find it.
  if (!idSchema.safeParse(taskId).success) notFound();
  return <TaskView taskId={taskId} />;
}
