"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False while React hydrates the server's HTML (the server's render and the first client render must agree),
 * true right after — and at once on a page opened by client navigation. A component reading it renders once
 * more after hydration, alone.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
