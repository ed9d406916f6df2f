import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n";

// No i18n routing: the locale is a per-request preference (cookie, else Accept-Language).
export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = resolveLocale({
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerList.get("accept-language"),
  });
  return {
    locale,
    // Server-side formatting is in UTC; <Time> re-renders instants in the browser's own zone.
    timeZone: "UTC",
    messages: (await import(`../messages/${locale}.json`)).default,
  };
});
