"use client";

import type { ReactNode } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * Form controls that come with the server's HTML but do nothing until the page's JavaScript has taken them over:
 * disabled until then (a click or a native submit before hydration would be lost, or reload the page). On a
 * page opened by client navigation they are live at once. Only this element re-renders when hydration is done.
 */
export function HydratedFieldset({ className, children }: { className?: string; children: ReactNode }) {
  const hydrated = useHydrated();
  return (
    <fieldset disabled={!hydrated} className={className}>
      {children}
    </fieldset>
  );
}
