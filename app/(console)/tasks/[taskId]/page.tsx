import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { GET as getRecord } from "@/app/api/tasks/[taskId]/records/[recordId]/route";
import { GET as getHistory } from "@/app/api/tasks/[taskId]/records/route";
import { GET as getRecordParams } from "@/app/api/tasks/[taskId]/records/[recordId]/params/route";
import { GET as getTask } from "@/app/api/tasks/[taskId]/route";
import { GET as getWatches } from "@/app/api/me/watches/route";
import { parseDeepLink } from "@/lib/deploy/prefill";
import { RETENTION_DAYS } from "@/lib/schemas/param-rules";
import { RECORDS_PAGE_SIZE, historyFromFor, historyOptions, recordKeys } from "@/lib/queries/records";
import { withQuery } from "@/lib/queries/api";
import { taskKeys } from "@/lib/queries/tasks";
import { idSchema } from "@/lib/schemas/common";
import type { Watch } from "@/lib/schemas/notify";
import { env } from "@/lib/server/env";
import { routeAnswer } from "@/lib/server/route-answer";
import { watchOf } from "@/lib/server/page-inbox";
import { SeedQueries } from "@/components/query/seed-queries";
import { TaskView } from "@/components/tasks/task-view";
import { PageMessages } from "@/components/layout/page-messages";
import { WatchToggle } from "@/components/notify/watch-toggle";

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
  // The task (and a record the link names) come with the HTML, read through the API's own handlers: same access
  // rules, same answers; whatever they refuse, the browser asks for itself and shows the refusal. No loading.tsx
  // here on purpose: a loading boundary would send its skeleton first and the page in a later chunk, revealed by
  // a script only once the page's JavaScript has run — the content would paint a second or more later on a phone.
  const link = parseDeepLink(search);
  const linked = link.record ?? link.from;
  const taskPath = `/api/tasks/${encodeURIComponent(taskId)}`;
  const recordPath = linked ? `${taskPath}/records/${encodeURIComponent(linked)}` : null;
  // The rollback picker's first page too (its default range, starting from the day the server puts in its key).
  const history = { from: historyFromFor(RETENTION_DAYS), page: 1, size: RECORDS_PAGE_SIZE };
  const [task, firstHistoryPage, record, recordParams, watches] = await Promise.all([
    routeAnswer(getTask, taskPath, { taskId }),
    routeAnswer(getHistory, withQuery(`${taskPath}/records`, history), { taskId }),
    linked && recordPath ? routeAnswer(getRecord, recordPath, { taskId, recordId: linked }) : null,
    linked && recordPath ? routeAnswer(getRecordParams, `${recordPath}/params`, { taskId, recordId: linked }) : null,
    routeAnswer<Watch[]>(getWatches, "/api/me/watches", {}),
  ]);
  const seeds: [readonly unknown[], unknown][] = [
    [taskKeys.detail(taskId), task],
    [historyOptions(taskId, history).queryKey, firstHistoryPage],
  ];
  if (linked) seeds.push([recordKeys.detail(taskId, linked), record], [recordKeys.params(taskId, linked), recordParams]);
  return (
    <PageMessages page="app/(console)/tasks/[taskId]/page.tsx">
      <SeedQueries entries={seeds}>
        <TaskView
          taskId={taskId}
          search={search.toString()}
          historyFrom={history.from}
          watch={<WatchToggle taskId={taskId} initial={watchOf(watches, taskId)} mail={env().notify.smtpUrl !== null} />}
        />
      </SeedQueries>
    </PageMessages>
  );
}
