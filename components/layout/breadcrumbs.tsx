import { Link } from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { ChevronRightIcon } from "@/components/ui/icons";

export function Breadcrumbs({ items }: { items: { href?: string; label: string }[] }) {
  const t = useTranslations("common");
  return (
    <nav aria-label={t("breadcrumbs")}>
      <ol className="flex flex-wrap items-center gap-1 text-sm text-zinc-500">
        {items.map((item, i) => (
          <li key={i} className="flex min-w-0 items-center gap-1">
            {i > 0 && <ChevronRightIcon className="size-3.5 shrink-0 text-zinc-400" />}
            {item.href ? (
              <Link href={item.href} className="truncate rounded hover:text-zinc-900 hover:underline">
                {item.label}
              </Link>
            ) : (
              <span aria-current="page" className="truncate text-zinc-700">
                {item.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
