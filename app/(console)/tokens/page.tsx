import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/layout/page-heading";
import { PageMessages } from "@/components/layout/page-messages";
import { Link } from "@/components/ui/link";
import { buttonClass } from "@/components/ui/button";
import { TerminalIcon } from "@/components/ui/icons";
import { TokensView } from "@/components/tokens/tokens-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("tokens");
  return { title: t("title") };
}

/** API tokens (personal; admins: every token and the service accounts), for scripts, pipelines and the CLI. */
export default async function TokensPage() {
  const t = await getTranslations("tokens");
  const tc = await getTranslations("common");
  return (
    <PageMessages page="app/(console)/tokens/page.tsx">
      <div className="space-y-5">
        <PageHeading
          title={t("title")}
          description={t("description")}
          actions={
            <Link href="/api-docs" className={buttonClass("ghost", "sm")} data-testid="tokens-api-docs">
              <TerminalIcon />
              {tc("navApi")}
            </Link>
          }
        />
        <TokensView />
      </div>
    </PageMessages>
  );
}
