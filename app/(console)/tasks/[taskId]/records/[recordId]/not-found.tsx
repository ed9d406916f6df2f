import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";

export default async function RecordNotFound() {
  const t = await getTranslations("record");
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
