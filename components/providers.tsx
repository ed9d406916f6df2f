"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { NextIntlClientProvider, type AbstractIntlMessages } from "next-intl";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n";
import { getQueryClient } from "@/lib/queries/query-client";
import { AnnouncerProvider } from "@/components/ui/announcer";

/** Everything client components need, composed once: translations, the query client, the live region. */
export function Providers({
  locale,
  messages,
  children,
}: {
  locale: Locale;
  messages: AbstractIntlMessages;
  children: ReactNode;
}) {
  const queryClient = getQueryClient();
  return (
    <NextIntlClientProvider locale={locale} messages={messages}>
      <QueryClientProvider client={queryClient}>
        <AnnouncerProvider>{children}</AnnouncerProvider>
      </QueryClientProvider>
    </NextIntlClientProvider>
  );
}
