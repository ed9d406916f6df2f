"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { NextIntlClientProvider, type AbstractIntlMessages } from "next-intl";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n";
import { getQueryClient } from "@/lib/queries/query-client";
import { AnnouncerProvider } from "@/components/ui/announcer";

/** Everything client components need, composed once: translations, the query client, the live region. */
export function Providers({ locale, messages, children }: { locale: Locale; messages: AbstractIntlMessages; children: ReactNode }) {
  const queryClient = getQueryClient();
  return (
    // next-intl formats no dates here (<Time> renders instants in the browser's zone); the zone only silences
    // its server-side "no timeZone configured" fallback.
    <NextIntlClientProvider locale={locale} messages={messages} timeZone="UTC">
      <QueryClientProvider client={queryClient}>
        <AnnouncerProvider>{children}</AnnouncerProvider>
      </QueryClientProvider>
    </NextIntlClientProvider>
  );
}
