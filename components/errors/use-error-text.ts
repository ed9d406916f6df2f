"use client";

import { useTranslations } from "next-intl";
import { isApiError } from "@/lib/queries/api";

/** Console error codes (ApiErrorBody.error.code) that have their own explanation. */
const CONSOLE_CODES = [
  // lib/server/errors.ts API_ERRORS
  "invalid_id",
  "invalid_json",
  "validation_failed",
  "unsupported_media_type",
  "payload_too_large",
  "not_found",
  "method_not_allowed",
  "upstream_refused",
  "upstream_conflict",
  "upstream_not_found",
  "upstream_forbidden",
  "upstream_throttled",
  "upstream_error",
  "upstream_unavailable",
  "upstream_timeout",
  "internal_error",
  // the browser's own (lib/queries/api.ts) and the session layer's
  "network_error",
  "bad_response",
  "unauthorized",
  "forbidden",
] as const;
type ConsoleCode = (typeof CONSOLE_CODES)[number];

/** Upstream (CodeArts / API gateway) error codes → catalog keys (catalog keys cannot contain dots). */
const UPSTREAM_CODES = {
  "Deploy.00011042": "Deploy_00011042",
  "Deploy.00011027": "Deploy_00011027",
  "Deploy.00016004": "Deploy_00016004",
  "Deploy.00011154": "Deploy_00011154",
  "Deploy.00011020": "Deploy_00011020",
  "Deploy.00011021": "Deploy_00011021",
  "Deploy.00011303": "Deploy_00011303",
  "APIGW.0301": "APIGW_0301",
  "APIGW.0303": "APIGW_0303",
  "APIGW.0308": "APIGW_0308",
} as const;
type UpstreamCode = keyof typeof UPSTREAM_CODES;

const isConsoleCode = (c: string): c is ConsoleCode => (CONSOLE_CODES as readonly string[]).includes(c);
const isUpstreamCode = (c: string): c is UpstreamCode => Object.hasOwn(UPSTREAM_CODES, c);

export interface ErrorText {
  /** The localised explanation: the upstream code's when known, else the console code's, else generic. */
  title: string;
  /** The server's own message (may be English), when it adds something. */
  detail: string | null;
}

/** Turns any thrown value into localised text. */
export function useErrorText(): (error: unknown) => ErrorText {
  const t = useTranslations("errors");
  return (error) => {
    if (!isApiError(error)) {
      return { title: t("generic"), detail: error instanceof Error ? error.message : null };
    }
    const upstreamCode = error.upstream?.error_code ?? null;
    const title =
      upstreamCode && isUpstreamCode(upstreamCode)
        ? t(`upstream.${UPSTREAM_CODES[upstreamCode]}`)
        : isConsoleCode(error.code)
          ? t(`console.${error.code}`)
          : t("generic");
    const detail = error.upstream?.error_msg || error.message || null;
    return { title, detail: detail && detail !== title ? detail : null };
  };
}
