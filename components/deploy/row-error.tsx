"use client";

import { useTranslations } from "next-intl";
import { ROW_ERROR_CODES } from "@/components/deploy/form-types";

type RowCode = (typeof ROW_ERROR_CODES)[number];
const isRowCode = (c: string): c is RowCode => (ROW_ERROR_CODES as readonly string[]).includes(c);

/** Localises a row error code from startDeployBodySchema (client resolver or the server's 400 issues). */
export function useRowErrorText() {
  const t = useTranslations("rowErrors");
  return (message: string | undefined) => (message && isRowCode(message) ? t(message) : (message ?? t("invalid")));
}
