import { getTranslations } from "next-intl/server";
import { Link } from "@/components/ui/link";

/** Beyond this the badge says "99+" (the label keeps the number). */
const BADGE_MAX = 99;

/**
 * The header's bell: a link to the inbox with the signed-in user's unread count (`unread`; null: not known), rendered
 * on the server — no JavaScript of its own on any page. The count is read when the layout renders on the server
 * (a load, a reload, a `router.refresh()`, which the inbox page does after marking read); a client-side navigation
 * keeps the layout, and so the count, as it was.
 */
export async function InboxBell({ unread }: { unread: number | null }) {
  const t = await getTranslations("inbox");
  const label = unread === null ? t("bellLabel") : t("bellLabelCount", { count: unread });
  return (
    <Link
      href="/inbox"
      data-testid="inbox-bell"
      data-unread={unread ?? undefined}
      aria-label={label}
      title={label}
      className="relative inline-flex size-8 shrink-0 items-center justify-center rounded-md text-zinc-300 hover:bg-zinc-800 hover:text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-400"
    >
      <svg
        width="18"
        height="18"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread !== null && unread > 0 && (
        <span
          aria-hidden="true"
          data-testid="inbox-bell-count"
          className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white ring-2 ring-zinc-900"
        >
          {unread > BADGE_MAX ? `${BADGE_MAX}+` : unread}
        </span>
      )}
    </Link>
  );
}
