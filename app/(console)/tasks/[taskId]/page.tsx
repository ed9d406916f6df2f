import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { idSchema } from "@/lib/schemas/deploy";
import { TaskView } from "@/components/tasks/task-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("task");
  return { title: t("title") };
}

export default async function TaskPage({
  params,
  searchParams,
}: {
  params: Promise<{ taskId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { taskId } = await params;
  // Not a CodeArts id: no request can find it.
  if (!idSchema.safeParse(taskId).success) notFound();
  // A deep link (`?p.KEY=VALUE&record=…&from=…`) prefills the form; the form reads it, nothing starts from it.
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) for (const one of [v ?? []].flat()) search.append(k, one);
  return <TaskView taskId={taskId} search={search.toString()} />;
}
