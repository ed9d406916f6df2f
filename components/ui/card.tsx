import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

/** A titled panel; `headingId` lets the section be labelled by its title. */
export function Card({
  title,
  description,
  actions,
  children,
  className,
  headingId,
  ...rest
}: {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  headingId?: string;
  "data-testid"?: string;
}) {
  return (
    <section aria-labelledby={title ? headingId : undefined} className={cn("rounded-lg border border-zinc-200 bg-white shadow-xs", className)} {...rest}>
      {(title || actions) && (
        <header className="flex flex-wrap items-start justify-between gap-3 border-b border-zinc-200 px-4 py-3">
          <div className="min-w-0">
            {title && (
              <h2 id={headingId} className="text-sm font-semibold text-zinc-900">
                {title}
              </h2>
            )}
            {description && <p className="mt-0.5 text-xs text-zinc-500">{description}</p>}
          </div>
          {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}
