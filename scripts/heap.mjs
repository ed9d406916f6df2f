// The console server's V8 heap limits, shared by `npm start` and the benchmark (which starts `next start` itself).
// Without a limit V8 sizes the old space from the machine's memory (about 4 GB here) and, under sustained load,
// lets RSS grow to several hundred MB before collecting; the console's live heap is far smaller (it holds only
// bounded caches), so a cap keeps RSS near the working set. That working set is mostly the code of the routes
// served so far: with every page and API route loaded (notifications added 11 routes and 2 pages) the live heap
// after a full collection measured 104 MB after 5 rounds over 19 routes and levelled at 122–124 MB after 200–600
// (--trace-gc, 2026-12-07) — too close to 128 MB, where the end-to-end suite's console ran out of heap.
export const CONSOLE_HEAP_MB = 192;
// The young generation's semi-spaces (V8's default on this machine: 16 MB each). A request's garbage dies young
// either way; with 8 MB the bench's read and start loads measured 12-20 MB less peak RSS (228 vs 240 MB) at no more
// CPU per request (4.35 vs 5.03 ms per read at 20 connections; 32 MB measured 7.35 ms).
export const CONSOLE_SEMI_SPACE_MB = 8;

/** NODE_OPTIONS for the console: the given options, plus each heap limit they do not set themselves. */
export function withHeapLimit(nodeOptions = "") {
  let out = nodeOptions;
  if (!/--max-old-space-size\b/.test(out)) out += ` --max-old-space-size=${CONSOLE_HEAP_MB}`;
  if (!/--max-semi-space-size\b/.test(out)) out += ` --max-semi-space-size=${CONSOLE_SEMI_SPACE_MB}`;
  return out.trim();
}
