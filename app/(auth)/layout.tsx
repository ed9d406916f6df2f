import type { ReactNode } from "react";
import { BareHeader } from "@/components/layout/bare-header";

/** Pages reached without a session: the product name and the language switcher, nothing that needs a user. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <BareHeader />
      <main id="main" className="mx-auto flex max-w-7xl justify-center px-4 py-10 sm:px-6 sm:py-16">
        {children}
      </main>
    </>
  );
}
