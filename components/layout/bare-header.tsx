import { getTranslations } from "next-intl/server";
import { Brand } from "@/components/layout/brand";
import { LanguageSwitcher } from "@/components/layout/language-switcher";

/** The header of pages shown before sign-in. */
export async function BareHeader() {
  const t = await getTranslations("common");
  return (
    <header className="border-b border-zinc-800 bg-zinc-900">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-4 px-4 sm:px-6">
        <Brand name={t("productName")} />
        <div className="ml-auto">
          <LanguageSwitcher />
        </div>
      </div>
    </header>
  );
}
