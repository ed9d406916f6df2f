"use client";

import { useQueryErrorResetBoundary } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";

/** The body of every error.tsx: what went wrong, and a retry that also lets failed queries fetch again. */
export function ErrorFallback({ error, retry, title }: { error: unknown; retry: () => void; title: string }) {
  const t = useTranslations("common");
  const { reset } = useQueryErrorResetBoundary();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-zinc-900">{title}</h1>
      <ApiErrorAlert
        error={error}
        action={
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              reset();
              retry();
            }}
          >
            {t("retry")}
          </Button>
        }
      />
    </div>
  );
}
