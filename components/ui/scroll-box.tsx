import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

/**
 * A box a wide table scrolls inside of, so that the page itself never scrolls sideways (on a phone too).
 * `relative`: sr-only texts in the table are absolutely positioned and must be clipped by this box, not widen the page.
 */
export function ScrollBox({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <div data-scroll-box className={cn("relative overflow-x-auto", className)}>
      {children}
    </div>
  );
}
