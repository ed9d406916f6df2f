"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { isApiError } from "@/lib/queries/api";
import { Button } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";
import { useErrorText } from "@/components/errors/use-error-text";

/**
 * An error as the user needs it: what it means (localised), the server's message, and the codes support asks
 * for — console code, upstream error_code with its HTTP status, and the upstream request id.
 */
export function ApiErrorAlert({
  error,
  action,
  hidePaths,
}: {
  error: unknown;
  action?: ReactNode;
  /** Issues whose path starts with this segment are shown elsewhere (e.g. on form rows). */
  hidePaths?: string;
}) {
  const t = useTranslations("errors");
  const text = useErrorText()(error);
  const api = isApiError(error) ? error : null;
  const issues = api?.issues.filter((i) => i.path[0] !== hidePaths) ?? [];

  return (
    <div role="alert" data-testid="error-alert" className="flex gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
      <AlertIcon className="mt-0.5 shrink-0 text-red-600" />
      <div className="min-w-0 flex-1 space-y-1.5">
        <p className="font-semibold" data-testid="error-title">
          {text.title}
        </p>
        {text.explanation && (
          <p className="text-red-900" data-testid="error-explanation">
            {text.explanation}
          </p>
        )}
        {text.detail && (
          // The original wording (the server's, or CodeArts' own): there for support, not in place of the above.
          <details className="text-red-800" data-testid="error-detail">
            <summary className="cursor-pointer text-xs">{t("originalMessage")}</summary>
            <p className="mt-1 break-words">{text.detail}</p>
          </details>
        )}
        {issues.length > 0 && (
          <ul className="list-inside list-disc text-red-800">
            {issues.map((issue, i) => (
              <li key={i}>
                <code className="font-mono text-xs">{issue.path.join(".") || "body"}</code>: {issue.message}
              </li>
            ))}
          </ul>
        )}
        {api && (
          <dl className="flex flex-wrap gap-x-4 gap-y-1 pt-0.5 text-xs text-red-800/90">
            <div className="flex gap-1">
              <dt className="after:content-[':']">{t("code")}</dt>
              <dd className="font-mono" data-testid="error-code">
                {api.code}
              </dd>
            </div>
            {api.upstream?.error_code && (
              <div className="flex gap-1">
                <dt className="after:content-[':']">{t("upstreamCode")}</dt>
                <dd className="font-mono" data-testid="error-upstream-code">
                  {api.upstream.error_code}
                  {api.upstream.status ? ` (HTTP ${api.upstream.status})` : ""}
                </dd>
              </div>
            )}
            {api.upstream?.request_id && (
              <div className="flex gap-1">
                <dt className="after:content-[':']">{t("requestId")}</dt>
                <dd className="font-mono break-all select-all" data-testid="error-request-id">
                  {api.upstream.request_id}
                </dd>
              </div>
            )}
          </dl>
        )}
        {action && <div className="pt-1">{action}</div>}
      </div>
    </div>
  );
}

/** A failed query's error with a Retry button, padded for a card body. */
export function QueryErrorAlert({ query }: { query: { error: unknown; isFetching: boolean; refetch: () => Promise<unknown> } }) {
  const tc = useTranslations("common");
  return (
    <div className="p-4">
      <ApiErrorAlert
        error={query.error}
        action={
          <Button size="sm" onClick={() => void query.refetch()} pending={query.isFetching}>
            {tc("retry")}
          </Button>
        }
      />
    </div>
  );
}
