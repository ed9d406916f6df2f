"use client";

import { useTranslations } from "next-intl";
import { ErrorFallback } from "@/components/errors/error-fallback";

export default function InboxError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("errors");
  return <ErrorFallback error={error} retry={retry} title={t("pageLoadFailed.inbox")} />;
}
