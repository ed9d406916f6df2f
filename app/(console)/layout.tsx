import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";

/** The signed-in console: header with navigation and the user menu above every page. */
export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
        {children}
      </main>
    </>
  );
}
