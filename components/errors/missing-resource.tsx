"use client";

import { Link } from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";

/** A task or record the API says does not exist (404) or is not for this user (403), with the codes. */
export function MissingResource({ title, body, error, testId = "not-found" }: { title: string; body: string; error: unknown; testId?: string }) {
  const t = useTranslations("common");
  return (
    <div className="mx-auto max-w-xl space-y-4 py-10" data-testid={testId}>
      <h1 className="text-xl font-semibold text-zinc-900">{title}</h1>
      <p className="text-sm text-zinc-600">{body}</p>
      <ApiErrorAlert error={error} />
      <Link href="/apps" className="inline-block text-sm font-medium text-blue-700 hover:underline">
        {t("backToApps")}
      </Link>
    </div>
  );
}
