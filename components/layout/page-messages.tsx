import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { type PageFile, pickMessages } from "@/lib/i18n-pick";

/**
 * A page's client components get the messages they use (the shell's and the page's own namespaces). A nested
 * provider replaces the root one's messages for its tree; locale and time zone it takes from the request config
 * (i18n/request.ts), as a provider rendered on the server does.
 */
export async function PageMessages({ page, children }: { page: PageFile; children: ReactNode }) {
  const messages = pickMessages(await getMessages(), page);
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}
