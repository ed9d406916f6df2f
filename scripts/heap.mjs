// The console server's V8 heap limit, shared by `npm start` and the benchmark (which starts `next start` itself).
// Without a limit V8 sizes the old space from the machine's memory (about 4 GB here) and, under sustained load,
// lets RSS grow to several hundred MB before collecting; the console's live heap is far smaller (it holds only
// bounded caches), so a cap keeps RSS near the working set.
export const CONSOLE_HEAP_MB = 128;

/** NODE_OPTIONS for the console: the given options, plus the heap limit unless they already set one. */
export function withHeapLimit(nodeOptions = "") {
  if (/--max-old-space-size\b/.test(nodeOptions)) return nodeOptions;
  return `${nodeOptions} --max-old-space-size=${CONSOLE_HEAP_MB}`.trim();
}
