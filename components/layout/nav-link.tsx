"use client";

import { Link } from "@/components/ui/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

/** A header link that marks itself current on its section (the picker also owns the task pages below it). */
export function NavLink({ href, match, testId, children }: { href: string; match: string[]; testId?: string; children: ReactNode }) {
  const pathname = usePathname();
  const active = match.some((m) => pathname === m || pathname.startsWith(`${m}/`));
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      data-testid={testId}
      className={cn(
        "rounded-md px-2 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-400 sm:px-2.5",
        active ? "bg-zinc-800 text-white" : "text-zinc-300 hover:bg-zinc-800 hover:text-white",
      )}
    >
      {children}
    </Link>
  );
}
