import { Skeleton, SkeletonRows } from "@/components/ui/skeleton";

/** The audit page's placeholder: the filter bar, the toolbar and skeleton rows (loading.tsx and Suspense). */
export function AuditSkeleton({ label }: { label: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white shadow-xs">
      <div className="grid grid-cols-1 gap-3 border-b border-zinc-200 px-4 py-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,1.7fr)_repeat(5,minmax(0,1fr))]">
        {Array.from({ length: 7 }, (_, i) => (
          <div key={i} className="space-y-1.5">
            <Skeleton className="h-3 w-16" />
            <Skeleton className="h-9 w-full" />
          </div>
        ))}
      </div>
      <div className="flex justify-between border-b border-zinc-200 px-4 py-2.5">
        <Skeleton className="h-4 w-32" />
        <Skeleton className="h-8 w-28" />
      </div>
      <SkeletonRows rows={8} columns={7} label={label} />
    </div>
  );
}
