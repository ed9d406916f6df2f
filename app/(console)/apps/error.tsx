"use client";

import { useTranslations } from "next-intl";
import { ErrorFallback } from "@/components/errors/error-fallback";

export default function AppsError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("apps");
  return <ErrorFallback error={error} retry={retry} title={t("loadFailed")} />;
}
