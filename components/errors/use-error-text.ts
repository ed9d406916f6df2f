"use client";

import { useTranslations } from "next-intl";
import { UPSTREAM_ERROR_KEYS, isKnownUpstreamCode } from "@/lib/codearts/error-codes";
import { isApiError } from "@/lib/queries/api";
import { CLIENT_ERROR_CODES, isApiErrorCode, isErrorReason, type ApiErrorCode, type ClientErrorCode } from "@/lib/schemas/error-codes";

/** Every console error code (the server's table and the browser's own) has its own explanation in the catalog. */
type ConsoleCode = ApiErrorCode | ClientErrorCode;

const isConsoleCode = (c: string): c is ConsoleCode => isApiErrorCode(c) || (CLIENT_ERROR_CODES as readonly string[]).includes(c);

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
  /** The original text (the server's message, which may be English, or CodeArts' own): shown as detail. */
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
  // A refusal that names what exactly it is about is worded from the catalog, with the values it names.
  const consoleText = isErrorReason(error.reason) ? t(`reason.${error.reason}`, error.args) : isConsoleCode(error.code) ? t(`console.${error.code}`) : null;
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
