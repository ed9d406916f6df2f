import type { ReactNode } from "react";

/** A small badge-like label (sources, roles, "you"). */
export function Tag({ children, tone = "zinc" }: { children: ReactNode; tone?: "zinc" | "blue" | "amber" }) {
  const tones = {
    zinc: "bg-zinc-100 text-zinc-700",
    blue: "bg-blue-50 text-blue-800",
    amber: "bg-amber-100 text-amber-900",
  } as const;
  return <span className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}
