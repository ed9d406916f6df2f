import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { GET as getLedger } from "@/app/api/tasks/[taskId]/records/[recordId]/ledger/route";
import { GET as getParams } from "@/app/api/tasks/[taskId]/records/[recordId]/params/route";
import { GET as getRecord } from "@/app/api/tasks/[taskId]/records/[recordId]/route";
import { GET as getTask } from "@/app/api/tasks/[taskId]/route";
import { GET as getWatches } from "@/app/api/me/watches/route";
import { auditKeys } from "@/lib/queries/audit";
import { recordKeys } from "@/lib/queries/records";
import { taskKeys } from "@/lib/queries/tasks";
import type { RecordDetail } from "@/lib/schemas/records";
import { idSchema } from "@/lib/schemas/common";
import type { Watch } from "@/lib/schemas/notify";
import { env } from "@/lib/server/env";
import { routeAnswer } from "@/lib/server/route-answer";
import { watchOf } from "@/lib/server/page-inbox";
import { SeedQueries } from "@/components/query/seed-queries";
import { RecordView } from "@/components/records/record-view";
import { PageMessages } from "@/components/layout/page-messages";
import { WatchToggle } from "@/components/notify/watch-toggle";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("record");
  return { title: t("title") };
}

export default async function RecordPage({ params }: { params: Promise<{ taskId: string; recordId: string }> }) {
  const { taskId, recordId } = await params;
  if (!idSchema.safeParse(taskId).success || !idSchema.safeParse(recordId).success) notFound();
  // The record, its parameters and ledger rows come with the HTML, read through the API's own handlers (same access
  // rules, same answers); whatever they refuse, the browser asks for itself and shows the refusal. No loading.tsx,
  // as on the task page: the content comes in the first chunk of the HTML instead of after a skeleton.
  const ids = { taskId, recordId };
  const path = `/api/tasks/${encodeURIComponent(taskId)}/records/${encodeURIComponent(recordId)}`;
  // The task's answer says whether this user may stop the record, or redeploy and roll back to it.
  const [record, recordParams, ledger, task, watches] = await Promise.all([
    routeAnswer<RecordDetail>(getRecord, path, ids),
    routeAnswer(getParams, `${path}/params`, ids),
    routeAnswer(getLedger, `${path}/ledger`, ids),
    routeAnswer(getTask, `/api/tasks/${encodeURIComponent(taskId)}`, { taskId }),
    routeAnswer<Watch[]>(getWatches, "/api/me/watches", {}),
  ]);
  return (
    <PageMessages page="app/(console)/tasks/[taskId]/records/[recordId]/page.tsx">
      <SeedQueries
        entries={[
          [recordKeys.detail(taskId, recordId), record],
          [recordKeys.params(taskId, recordId), recordParams],
          [auditKeys.record(taskId, recordId), ledger],
          [taskKeys.detail(taskId), task],
        ]}
      >
        <RecordView
          taskId={taskId}
          recordId={recordId}
          watch={<WatchToggle taskId={taskId} recordId={recordId} initial={watchOf(watches, taskId, recordId)} mail={env().notify.smtpUrl !== null} />}
        />
      </SeedQueries>
    </PageMessages>
  );
}
