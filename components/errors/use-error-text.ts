"use client";

import { useTranslations } from "next-intl";
import { UPSTREAM_ERROR_KEYS, isKnownUpstreamCode } from "@/lib/codearts/error-codes";
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
  "upstream_in_doubt",
  "internal_error",
  // the deploy ledger and deploy safety (lib/server/ledger)
  "deploy_in_progress",
  "idempotency_key_reused",
  "idempotency_in_progress",
  "ledger_unavailable",
  // the browser's own (lib/queries/api.ts) and the session layer's
  "network_error",
  "bad_response",
  "unauthorized",
  "unauthenticated",
  "forbidden",
  "cross_site",
  "protected_confirmation_required",
  "conflict",
  "throttled",
  "locked_out",
] as const;
type ConsoleCode = (typeof CONSOLE_CODES)[number];

const isConsoleCode = (c: string): c is ConsoleCode => (CONSOLE_CODES as readonly string[]).includes(c);

/**
 * Codes whose own explanation must come first even when CodeArts sent a code we can explain: the console knows
 * more than the upstream code says (an in-doubt start is not simply "the gateway timed out").
 */
const CONSOLE_FIRST = new Set<string>(["upstream_in_doubt"]);

export interface ErrorText {
  /** The localised explanation: the upstream code's when known, else the console code's, else generic. */
  title: string;
  /** A second localised explanation: the upstream code's, when the console's own comes first. */
  explanation: string | null;
  /** The server's own message (may be English), when it adds something. */
  detail: string | null;
}

/** The `errors` catalog's translator (keys checked against messages/en.json). */
export type ErrorsTranslator = ReturnType<typeof useTranslations<"errors">>;

/** Turns any thrown value into localised text with the given `errors` translator. */
export function errorTextOf(t: ErrorsTranslator, error: unknown): ErrorText {
  if (!isApiError(error)) {
    return { title: t("generic"), explanation: null, detail: error instanceof Error ? error.message : null };
  }
  const upstreamCode = error.upstream?.error_code ?? null;
  const upstreamText = isKnownUpstreamCode(upstreamCode) ? t(`upstream.${UPSTREAM_ERROR_KEYS[upstreamCode]}`) : null;
  const consoleText = isConsoleCode(error.code) ? t(`console.${error.code}`) : null;
  const consoleFirst = consoleText !== null && CONSOLE_FIRST.has(error.code);
  const title = (consoleFirst ? consoleText : (upstreamText ?? consoleText)) ?? t("generic");
  const explanation = consoleFirst && upstreamText !== title ? upstreamText : null;
  const detail = error.upstream?.error_msg || error.message || null;
  return { title, explanation, detail: detail && detail !== title ? detail : null };
}

/** Turns any thrown value into localised text. */
export function useErrorText(): (error: unknown) => ErrorText {
  const t = useTranslations("errors");
  return (error) => errorTextOf(t, error);
}
