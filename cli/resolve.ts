/**
 * What the arguments name: `<task>` is a task id or an app's exact name (looked up in the picker, GET /api/apps);
 * `<record>` and `--rollback-to` are a record id or a release number `#12` (looked up in the task's history,
 * GET …/records, over the whole retention).
 */
import type { AppItem } from "../lib/schemas/apps";
import { ID_PATTERN, RETENTION_DAYS } from "../lib/schemas/param-rules";
import type { RecordSummary } from "../lib/schemas/records";
import { usageError } from "./exit-codes";
import type { ConsoleClient } from "./http";

const APPS_PAGE = 100;
const MAX_PAGES = 20;

export interface ResolvedTask {
  taskId: string;
  /** The app's name, when it was named (a task id is taken as it is). */
  name: string | null;
}

const describe = (a: AppItem) => `${a.name} (task ${a.taskId ?? "none"}${a.projectName ? `, project ${a.projectName}` : ""})`;

/** Picks the one app named `ref` exactly (case-sensitively, else case-insensitively) among the search's rows. */
export function pickApp(ref: string, items: readonly AppItem[]): ResolvedTask {
  const withTask = items.filter((a) => a.taskId !== null);
  let exact = withTask.filter((a) => a.name === ref);
  if (exact.length === 0) exact = withTask.filter((a) => a.name.toLowerCase() === ref.toLowerCase());
  if (exact.length === 1) return { taskId: exact[0]!.taskId!, name: exact[0]!.name };
  if (exact.length > 1) {
    throw usageError("ambiguous_app", `${exact.length} apps are named "${ref}": ${exact.map(describe).join("; ")}. Name the task by its id.`);
  }
  const near = withTask.slice(0, 5).map(describe);
  throw usageError("app_not_found", `No app you may see is named "${ref}"${near.length > 0 ? `; did you mean: ${near.join("; ")}` : ""}.`);
}

export async function resolveTask(client: ConsoleClient, ref: string): Promise<ResolvedTask> {
  if (ID_PATTERN.test(ref)) return { taskId: ref, name: null };
  if (ref.trim() === "") throw usageError("invalid_task", "<task> is empty: give a task id or an app name.");
  const items: AppItem[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { body } = await client.call("GET /api/apps", { query: { q: ref, page, size: APPS_PAGE } });
    items.push(...body.items);
    if (body.items.length < APPS_PAGE || page * APPS_PAGE >= body.total) break;
  }
  return pickApp(ref, items);
}

/** `#12` or `12`: a release number; 32 characters of 0-9a-z: a record id. */
export function parseRecordRef(ref: string): { recordId: string } | { release: number } {
  if (ID_PATTERN.test(ref)) return { recordId: ref };
  const m = /^#?(\d{1,9})$/.exec(ref.trim());
  if (m) return { release: Number(m[1]) };
  throw usageError("invalid_record", `"${ref}" is neither a record id (32 characters of 0-9 and a-z) nor a release number like #12.`);
}

/** yyyy-MM-dd, `days` before `nowMs` (UTC). */
const dayBefore = (nowMs: number, days: number) => new Date(nowMs - days * 86_400_000).toISOString().slice(0, 10);

/** The record of release `release` in a page of history, if there. */
const recordOfRelease = (items: readonly RecordSummary[], release: number) => items.find((r) => r.releaseId === release) ?? null;

export async function resolveRecord(client: ConsoleClient, taskId: string, ref: string, nowMs: number): Promise<string> {
  const parsed = parseRecordRef(ref);
  if ("recordId" in parsed) return parsed.recordId;
  // A `from` alone is clamped by the console to the retention (the cloud's today may be a day ahead of ours).
  const from = dayBefore(nowMs, RETENTION_DAYS - 1);
  for (let page = 1; page <= MAX_PAGES * 5; page++) {
    const { body } = await client.call("GET /api/tasks/:taskId/records", { params: { taskId }, query: { from, page, size: APPS_PAGE } });
    const found = recordOfRelease(body.items, parsed.release);
    if (found) return found.recordId;
    if (body.items.length < APPS_PAGE || page * APPS_PAGE >= body.total) break;
  }
  throw usageError("release_not_found", `Task ${taskId} has no record #${parsed.release} in its history (the cloud keeps ${RETENTION_DAYS} days).`);
}
