import { HydrationBoundary, QueryClient, dehydrate, type QueryKey } from "@tanstack/react-query";
import type { ReactNode } from "react";

/**
 * Puts answers the server already has into the browser's query cache before the client components below render,
 * so their first render shows the data (and the HTML carries it) instead of a skeleton and a second fetch.
 * A null answer is left out: that query fetches in the browser as usual (and shows its error there).
 */
export function SeedQueries({ entries, children }: { entries: readonly (readonly [QueryKey, unknown])[]; children: ReactNode }) {
  const client = new QueryClient();
  for (const [key, data] of entries) if (data !== null && data !== undefined) client.setQueryData(key, data);
  return <HydrationBoundary state={dehydrate(client)}>{children}</HydrationBoundary>;
}
