import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { GET as getInbox } from "@/app/api/me/inbox/route";
import { inboxKeys } from "@/lib/queries/inbox";
import { routeAnswer } from "@/lib/server/route-answer";
import { SeedQueries } from "@/components/query/seed-queries";
import { PageHeading } from "@/components/layout/page-heading";
import { PageMessages } from "@/components/layout/page-messages";
import { InboxView } from "@/components/notify/inbox-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("inbox");
  return { title: t("title") };
}

/** The signed-in user's notifications; the list comes with the HTML, read through GET /api/me/inbox's own handler. */
export default async function InboxPage() {
  const t = await getTranslations("inbox");
  const inbox = await routeAnswer(getInbox, "/api/me/inbox", {});
  return (
    <PageMessages page="app/(console)/inbox/page.tsx">
      <SeedQueries entries={[[inboxKeys.list(false), inbox]]}>
        <div className="space-y-5">
          <PageHeading title={t("title")} description={t("description")} />
          <InboxView />
        </div>
      </SeedQueries>
    </PageMessages>
  );
}
