import "server-only";
/**
 * `fn` over `items`, `size` at a time (the next batch starts when the last of the previous one has answered): the
 * background passes that call the cloud or a receiver side by side without flooding it (the gateway throttles per
 * API). Answers in the items' order.
 */
export async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}
