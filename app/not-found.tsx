import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { headerInbox } from "@/lib/server/page-inbox";
import { SiteHeader } from "@/components/layout/site-header";

// Rendered by the root layout, outside the route groups: it brings the console's header itself.
export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <>
      <SiteHeader inbox={await headerInbox()} />
      <main id="main" className="mx-auto max-w-md px-4 py-16 text-center">
        <p className="text-sm font-semibold text-blue-600">404</p>
        <h1 className="mt-2 text-2xl font-semibold text-zinc-900">{t("title")}</h1>
        <p className="mt-2 text-sm text-zinc-600">{t("body")}</p>
        <Link
          href="/apps"
          className="mt-6 inline-flex h-9 items-center rounded-md bg-blue-600 px-3.5 text-sm font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          {t("back")}
        </Link>
      </main>
    </>
  );
}
