import { keepPreviousData, queryOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { aomComponentsOf } from "@/lib/schemas/record-views";
import type { StartResult } from "@/lib/schemas/deploy";
import { apiFetch, isApiError } from "@/lib/queries/api";
import { auditKeys } from "@/lib/queries/audit";
import { lastDays } from "@/lib/utils";

export const RECORDS_PAGE_SIZE = 10;

const base = (taskId: string) => ["tasks", taskId, "records"] as const;

export const recordKeys = {
  lists: (taskId: string) => [...base(taskId), "list"] as const,
  detail: (taskId: string, recordId: string) => [...base(taskId), recordId, "detail"] as const,
  params: (taskId: string, recordId: string) => [...base(taskId), recordId, "params"] as const,
  /** The StartResult of a deploy started from this browser session (not fetchable from the API later). */
  start: (taskId: string, recordId: string) => [...base(taskId), recordId, "start"] as const,
};

/** The first day (yyyy-MM-dd, this machine's calendar) of the history's "last `days` days". */
export const historyFromFor = (days: number, now = new Date()) => lastDays(days, now).from;

export interface HistoryFilter {
  from: string; // yyyy-MM-dd
  page: number;
  size: number;
}

/**
 * The task's history from `from` up to the cloud's today. No `to`: the server fills in the date at the cloud's
 * clock (Beijing time by default), so a browser whose calendar is a day behind still sees the newest records.
 */
export const historyOptions = (taskId: string, filter: HistoryFilter) =>
  queryOptions({
    queryKey: [...recordKeys.lists(taskId), "since", filter] as const,
    queryFn: ({ signal }) => apiFetch("GET /api/tasks/:taskId/records", { params: { taskId }, query: { ...filter }, signal }),
    placeholderData: keepPreviousData,
  });

const RECORD_POLL_MS = 2000;

export const recordOptions = (taskId: string, recordId: string) =>
  queryOptions({
    queryKey: recordKeys.detail(taskId, recordId),
    queryFn: ({ signal }) => apiFetch("GET /api/tasks/:taskId/records/:recordId", { params: { taskId, recordId }, signal }),
    // Poll only while the record runs; a missing (or forbidden) record will not appear by asking again.
    refetchInterval: (q) => (q.state.data?.finished || (isApiError(q.state.error) && [403, 404].includes(q.state.error.status)) ? false : RECORD_POLL_MS),
    // Younger than one poll (the server's answer the page came with): not asked again when the page mounts.
    staleTime: RECORD_POLL_MS,
  });

export const recordParamsOptions = (taskId: string, recordId: string) =>
  queryOptions({
    queryKey: recordKeys.params(taskId, recordId),
    queryFn: ({ signal }) => apiFetch("GET /api/tasks/:taskId/records/:recordId/params", { params: { taskId, recordId }, signal }),
    staleTime: Infinity, // a finished record's parameters never change
  });

const storageKey = (recordId: string) => `start:${recordId}`;

/** Caches a StartResult for the record page: react-query (this tab, now) and sessionStorage (reloads). */
export function rememberStartResult(queryClient: QueryClient, result: StartResult) {
  queryClient.setQueryData(recordKeys.start(result.task_id, result.id), result);
  try {
    sessionStorage.setItem(storageKey(result.id), JSON.stringify(result));
  } catch {
    // Storage full or disabled: the cache entry still serves this visit.
  }
}

function readStartResult(recordId: string): StartResult | null {
  try {
    const raw = sessionStorage.getItem(storageKey(recordId));
    return raw ? (JSON.parse(raw) as StartResult) : null;
  } catch {
    return null;
  }
}

export const startResultOptions = (taskId: string, recordId: string) =>
  queryOptions({
    queryKey: recordKeys.start(taskId, recordId),
    queryFn: () => readStartResult(recordId),
    staleTime: Infinity,
    // The page sees the console's shapes, not the start answer's cloud names.
    select: (r) => r && { jobName: r.job_name, components: aomComponentsOf(r.app_component_list) },
  });

/** POST …/records/{recordId}/stop. */
export function useStopRecord(taskId: string, recordId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch("POST /api/tasks/:taskId/records/:recordId/stop", { params: { taskId, recordId } }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: recordKeys.detail(taskId, recordId) }),
        queryClient.invalidateQueries({ queryKey: recordKeys.lists(taskId) }),
        // The stop's own ledger rows: the record's ledger section stops polling once the record has ended.
        queryClient.invalidateQueries({ queryKey: auditKeys.record(taskId, recordId) }),
      ]),
  });
}
