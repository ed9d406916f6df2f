import type { ReactNode } from "react";
import { Skeleton, SkeletonRows } from "@/components/ui/skeleton";

export function PageHeading({
  title,
  description,
  actions,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        <h1 className="text-xl font-semibold tracking-tight break-words text-zinc-900">{title}</h1>
        {description && <p className="mt-1 text-sm break-words text-zinc-600">{description}</p>}
        {children}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}

/** The picker's placeholder: filter bar and skeleton rows (loading.tsx and the Suspense fallback). */
export function AppsSkeleton({ label }: { label: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white shadow-xs">
      <div className="flex gap-3 border-b border-zinc-200 px-4 py-3">
        <Skeleton className="h-9 w-80" />
        <Skeleton className="h-9 w-48" />
      </div>
      <SkeletonRows rows={8} columns={5} label={label} />
    </div>
  );
}

/** The task and record pages' placeholder: a heading line and skeleton panels. */
export function DetailSkeleton({ label, panels = 2 }: { label: string; panels?: number }) {
  return (
    <div className="space-y-5">
      <div className="space-y-2">
        <Skeleton className="h-6 w-72" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      {Array.from({ length: panels }, (_, i) => (
        <div key={i} className="rounded-lg border border-zinc-200 bg-white shadow-xs">
          <div className="border-b border-zinc-200 px-4 py-3">
            <Skeleton className="h-4 w-40" />
          </div>
          <SkeletonRows rows={4} columns={4} label={i === 0 ? label : undefined} />
        </div>
      ))}
    </div>
  );
}
