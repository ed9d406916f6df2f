"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { meOptions } from "@/lib/queries/me";
import { SIGN_IN_PATH } from "@/lib/utils";
import { useAnnounce } from "@/components/ui/announcer";
import { KeyIcon, LogOutIcon, SpinnerIcon } from "@/components/ui/icons";
import { Link } from "@/components/ui/link";

/** Who is signed in, their API tokens, and the way out. */
export function UserMenu() {
  const t = useTranslations("userMenu");
  const announce = useAnnounce();
  const user = useQuery(meOptions()).data?.user;
  const [pending, setPending] = useState(false);

  const signOut = async () => {
    setPending(true);
    try {
      // Loaded on click: next-auth's client stays out of every page's first-load JS.
      const auth = await import("next-auth/react");
      // A full navigation follows, which also drops every cached answer of this user.
      await auth.signOut({ callbackUrl: SIGN_IN_PATH });
    } catch {
      setPending(false);
      announce(t("signOutFailed"), "error");
    }
  };

  return (
    <div data-testid="user-menu" className="flex min-w-0 items-center gap-2">
      {user ? (
        <div className="sr-only min-w-0 text-right leading-tight md:not-sr-only">
          <span className="sr-only">{t("signedInAs")} </span>
          <span data-testid="user-name" className="block max-w-44 truncate text-sm font-medium text-white">
            {user.name || user.email}
          </span>
          {user.name && (
            <span data-testid="user-email" title={user.email} className="block max-w-44 truncate text-xs text-zinc-400">
              {user.email}
            </span>
          )}
        </div>
      ) : (
        <span aria-hidden="true" className="hidden h-8 w-32 animate-pulse rounded bg-zinc-800 md:block" />
      )}
      <Link
        href="/tokens"
        data-testid="nav-tokens"
        title={t("tokensTitle")}
        className="inline-flex h-8 shrink-0 items-center gap-1.5 rounded-md px-2 text-sm text-zinc-300 hover:bg-zinc-800 hover:text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-400"
      >
        <KeyIcon />
        <span className="sr-only lg:not-sr-only">{t("tokens")}</span>
      </Link>
      <button
        type="button"
        data-testid="signout-button"
        onClick={() => void signOut()}
        disabled={pending}
        aria-busy={pending || undefined}
        className="inline-flex h-8 shrink-0 items-center gap-1.5 rounded-md border border-zinc-700 px-2.5 text-sm text-zinc-200 hover:border-zinc-500 hover:bg-zinc-800 hover:text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-400 disabled:opacity-60"
      >
        {pending ? <SpinnerIcon /> : <LogOutIcon />}
        <span className="sr-only sm:not-sr-only">{t("signOut")}</span>
      </button>
    </div>
  );
}
