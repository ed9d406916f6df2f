"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { cn } from "@/lib/utils";

type Tone = "success" | "error" | "info";
interface Announcement {
  id: number;
  message: string;
  tone: Tone;
}

const AnnounceContext = createContext<(message: string, tone?: Tone) => void>(() => {});

/** Announces results to screen readers (aria-live) and shows the same text as a toast; survives navigation. */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<Announcement | null>(null);
  const announce = useCallback((message: string, tone: Tone = "info") => {
    setCurrent({ id: Date.now(), message, tone });
  }, []);

  useEffect(() => {
    if (!current) return;
    const timer = setTimeout(() => setCurrent(null), 6000);
    return () => clearTimeout(timer);
  }, [current]);

  const value = useMemo(() => announce, [announce]);
  return (
    <AnnounceContext.Provider value={value}>
      {children}
      <div
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-testid="announcer"
        className="pointer-events-none fixed bottom-20 left-1/2 z-50 flex w-max max-w-[calc(100%-2rem)] -translate-x-1/2 flex-col items-center"
      >
        {current && (
          <p
            key={current.id}
            className={cn(
              "pointer-events-auto rounded-md px-4 py-2.5 text-sm font-medium text-white shadow-lg",
              current.tone === "success" && "bg-emerald-700",
              current.tone === "error" && "bg-red-700",
              current.tone === "info" && "bg-zinc-800",
            )}
          >
            {current.message}
          </p>
        )}
      </div>
    </AnnounceContext.Provider>
  );
}

export const useAnnounce = () => useContext(AnnounceContext);
