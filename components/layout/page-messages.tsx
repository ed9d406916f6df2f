import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { type PageFile, pickMessages } from "@/lib/i18n-pick";

/**
 * A page's client components get the messages they use (the shell's and the page's own namespaces). A nested
 * provider replaces the root one's messages for its tree; locale and time zone come from the request config.
 */
export async function PageMessages({ page, children }: { page: PageFile; children: ReactNode }) {
  const messages = pickMessages(await getMessages(), page);
  return (
    <NextIntlClientProvider messages={messages} timeZone="UTC">
      {children}
    </NextIntlClientProvider>
  );
}
