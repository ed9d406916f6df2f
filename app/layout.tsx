import type { Metadata } from "next";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { pickMessages } from "@/lib/i18n-pick";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return {
    title: { default: t("productName"), template: `%s · ${t("productName")}` },
    description: t("productTagline"),
    icons: { icon: "/favicon.svg" },
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, messages, t] = await Promise.all([getLocale(), getMessages(), getTranslations("common")]);
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <Providers locale={locale} messages={pickMessages(messages, null)}>
          <a
            href="#main"
            className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-blue-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
          >
            {t("skipToContent")}
          </a>
          {/* Each route group brings its own chrome: the console's header, or the sign-in page's bare bar. */}
          {children}
        </Providers>
      </body>
    </html>
  );
}
