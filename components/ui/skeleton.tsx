import { cn } from "@/lib/utils";

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded bg-zinc-200/80", className)} />;
}

/** Placeholder rows for a table or list while its data loads. */
export function SkeletonRows({ rows = 6, columns = 5, label }: { rows?: number; columns?: number; label?: string }) {
  return (
    <div role={label ? "status" : undefined} className="divide-y divide-zinc-100">
      {label && <span className="sr-only">{label}</span>}
      {Array.from({ length: rows }, (_, r) => (
        <div key={r} className="flex items-center gap-4 px-4 py-3.5">
          {Array.from({ length: columns }, (_, c) => (
            <Skeleton key={c} className={cn("h-4", c === 0 ? "w-1/4" : "flex-1")} />
          ))}
        </div>
      ))}
    </div>
  );
}
