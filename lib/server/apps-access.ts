import "server-only";
/**
 * The task picker, per user: everyone with a role on all apps sees the upstream page as is; anyone else sees only
 * the apps of their grants (ListAllApp has no id filter, so the pages are walked, 100 at a time, and filtered
 * here — like the name search, both from a short-lived snapshot of every app). Every item says what the user may
 * do with it, and whether CodeArts lets the console start it at all (draft, disabled, pipeline only).
 */
import type { AppSummary, AppsAnswer, AppsPage } from "../schemas/apps";
import { grantors } from "./auth/grantors";
import { codearts } from "./codearts";
import { db } from "./db";
import { listProtectedApps } from "./db/protected-apps";
import { locksOf } from "./deploy/locks";
import { isSameRun, type LastStart, lastStarts } from "./ledger/origins";
import { log } from "./log";
import { type Principal, appAccess, visibleTasks } from "./permissions";

const UPSTREAM_PAGE = 100;

export async function listAppsFor(user: Principal, input: { q?: string; page: number; size: number; state?: string }): Promise<AppsAnswer> {
  const visible = visibleTasks(user);
  const q = input.q?.trim().toLocaleLowerCase() ?? "";
  const [page, protectedApps, who] = await Promise.all([
    // The plain first pages stay live; only name searches and restricted lists need every app.
    visible === "all" && !q ? codearts().listApps(input) : fromAllApps(visible, q, input),
    listProtectedApps(db()),
    grantors(),
  ]);
  const prot = new Set(protectedApps.map((p) => p.taskId));
  const taskIds = page.items.flatMap((a) => (a.taskId ? [a.taskId] : []));
  // Only the rows shown: ListAllApp does not say who may trigger a task, ShowTaskTrigger does (cached briefly).
  // The ledger names the person behind a last run the console started; without it the row shows the IAM user.
  const [triggers, starts, locks] = await Promise.all([
    codearts().triggerSources(taskIds),
    lastStarts(db(), taskIds).catch((err: unknown) => {
      log.warn("apps: ledger facts unavailable", { detail: String(err) });
      return new Map<string, LastStart>();
    }),
    locksOf(db(), taskIds, Date.now(), user.id),
  ]);
  return {
    ...page,
    items: page.items.map((a) => ({
      ...a,
      triggerSource: a.taskId ? (triggers.get(a.taskId) ?? null) : null,
      access: appAccess(user, a.taskId, { protected: a.taskId !== null && prot.has(a.taskId), grantors: who }),
      lastRunBy: lastRunBy(a, a.taskId ? starts.get(a.taskId) : undefined),
      lock: (a.taskId && locks.get(a.taskId)) || null,
    })),
  };
}

function lastRunBy(app: AppSummary, start: LastStart | undefined) {
  return start && isSameRun(app.lastRunAt, start) ? start.startedBy : null;
}

/**
 * Every app of the project (for one state filter), read at most SNAPSHOT_TTL_MS ago. ListAllApp has no name or id
 * filter, so a search walks all its pages; one walk then serves every keystroke of every user for a few seconds
 * (the list is the same for everyone: the console reads it with one credential and filters per user below).
 * Last state and run time in search results may be that much behind; the unfiltered picker page is always live.
 */
const SNAPSHOT_TTL_MS = 10_000;
const snapshots = new Map<string, { at: number; apps: Promise<AppSummary[]> }>();

function allApps(state: string | undefined): Promise<AppSummary[]> {
  const key = state ?? "";
  const now = Date.now();
  const hit = snapshots.get(key);
  if (hit && now - hit.at < SNAPSHOT_TTL_MS) return hit.apps;
  const apps = walkApps(state);
  // Keyed by the state filter: a handful of entries at most; a failed walk is not kept.
  snapshots.set(key, { at: now, apps });
  apps.catch(() => {
    if (snapshots.get(key)?.apps === apps) snapshots.delete(key);
  });
  return apps;
}

async function walkApps(state: string | undefined): Promise<AppSummary[]> {
  const deploy = codearts();
  const first = await deploy.listApps({ page: 1, size: UPSTREAM_PAGE, state });
  const pages = Math.ceil(first.total / UPSTREAM_PAGE);
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => deploy.listApps({ page: i + 2, size: UPSTREAM_PAGE, state })));
  return [first, ...rest].flatMap((p) => p.items);
}

async function fromAllApps(visible: Set<string> | "all", q: string, input: { page: number; size: number; state?: string }): Promise<AppsPage> {
  if (visible !== "all" && visible.size === 0) return { items: [], total: 0, page: input.page, size: input.size };
  const all = (await allApps(input.state)).filter(
    (a) => (visible === "all" || (a.taskId !== null && visible.has(a.taskId))) && (!q || a.name.toLocaleLowerCase().includes(q)),
  );
  const start = (input.page - 1) * input.size;
  return { items: all.slice(start, start + input.size), total: all.length, page: input.page, size: input.size };
}
