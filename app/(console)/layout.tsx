import type { ReactNode } from "react";
import { GET as getMe } from "@/app/api/me/route";
import { meKeys } from "@/lib/queries/me";
import { headerInbox } from "@/lib/server/page-inbox";
import { routeAnswer } from "@/lib/server/route-answer";
import { SeedQueries } from "@/components/query/seed-queries";
import { SiteHeader } from "@/components/layout/site-header";

/**
 * The signed-in console: header with navigation and the user menu above every page. Who is signed in (what
 * GET /api/me answers) comes with the HTML: the header shows the user at once and asks nothing after loading; so
 * does the bell's unread count (rendered on the server, no script).
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const [me, inbox] = await Promise.all([routeAnswer(getMe, "/api/me", {}), headerInbox()]);
  return (
    <SeedQueries entries={[[meKeys.all, me]]}>
      <SiteHeader inbox={inbox} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
        {children}
      </main>
    </SeedQueries>
  );
}
