import { getTranslations } from "next-intl/server";
import { Link } from "@/components/ui/link";

/** A page's "not found": its own title and sentence (`notFoundTitle`, `notFoundBody` of `namespace`), and the way back. */
export async function NotFoundPage({ namespace }: { namespace: "task" | "record" }) {
  const t = await getTranslations(namespace);
  const tc = await getTranslations("common");
  return (
    <div className="mx-auto max-w-xl space-y-4 py-10" data-testid="not-found">
      <h1 className="text-xl font-semibold text-zinc-900">{t("notFoundTitle")}</h1>
      <p className="text-sm text-zinc-600">{t("notFoundBody")}</p>
      <Link href="/apps" className="inline-block text-sm font-medium text-blue-700 hover:underline">
        {tc("backToApps")}
      </Link>
    </div>
  );
}
