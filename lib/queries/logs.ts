import { useEffect, useRef, useState } from "react";
import { apiFetch, apiPath, isApiError } from "@/lib/queries/api";

/** GET …/logs/download: the whole log as a text file (`<recordId>.log`), read server-side chunk by chunk. */
export const logDownloadPath = (taskId: string, recordId: string) =>
  apiPath("GET /api/tasks/:taskId/records/:recordId/logs/download", { params: { taskId, recordId } });

/** Keep the browser responsive on very long logs: only the tail is kept. */
const MAX_LOG_CHARS = 1_000_000;
const POLL_MS = 2000;
const MAX_BACKOFF_MS = 15_000;

export interface LogTail {
  text: string;
  /** True when the head of the log was dropped to stay under MAX_LOG_CHARS. */
  truncated: boolean;
  error: unknown;
  /** The record finished and the whole log has been read. */
  done: boolean;
  /** The zone of the cloud's timestamps in the text (from the answers); null before the first. */
  cloudOffsetMinutes: number | null;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * The incremental log tail of a record: reads chunk after chunk (offset = previous endOffset) while hasMore,
 * then polls every 2 s while the record runs, and stops after one last read once it has finished.
 */
export function useLogTail(taskId: string, recordId: string, finished: boolean): LogTail {
  const [tail, setTail] = useState<LogTail>({ text: "", truncated: false, error: null, done: false, cloudOffsetMinutes: null });
  const finishedRef = useRef(finished);
  useEffect(() => {
    finishedRef.current = finished;
  }, [finished]);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;

    void (async () => {
      let offset: string | undefined;
      let text = "";
      let truncated = false;
      let failures = 0;
      while (!signal.aborted) {
        // Read the flag before the request: a read that started after the end holds the whole log.
        const finishedBefore = finishedRef.current;
        try {
          const chunk = await apiFetch("GET /api/tasks/:taskId/records/:recordId/logs", {
            params: { taskId, recordId },
            query: { offset, final: finishedBefore ? "1" : undefined },
            signal,
          });
          failures = 0;
          const advanced = chunk.endOffset !== offset;
          offset = chunk.endOffset;
          if (chunk.text) {
            text += chunk.text;
            if (text.length > MAX_LOG_CHARS) {
              text = text.slice(text.length - MAX_LOG_CHARS);
              truncated = true;
            }
          }
          const snapshot = { text, truncated, cloudOffsetMinutes: chunk.utcOffsetMinutes };
          if (chunk.hasMore && advanced) {
            setTail((t) => ({ ...t, ...snapshot, error: null }));
            continue;
          }
          const done = finishedBefore;
          setTail({ ...snapshot, error: null, done });
          if (done) return;
        } catch (error) {
          if (signal.aborted) return;
          failures += 1;
          const permanent = isApiError(error) && error.status >= 400 && error.status < 500;
          const done = finishedBefore && (permanent || failures >= 3);
          setTail((t) => ({ ...t, error, done }));
          if (done) return;
        }
        await sleep(Math.min(POLL_MS * 2 ** failures, MAX_BACKOFF_MS), signal);
      }
    })();

    return () => controller.abort();
  }, [taskId, recordId]);

  return tail;
}
