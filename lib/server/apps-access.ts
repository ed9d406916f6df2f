import "server-only";
/**
 * The task picker, per user: everyone with a role on all apps sees the upstream page as is; anyone else sees only
 * the apps of their grants (ListAllApp has no id filter, so the pages are walked, 100 at a time, and filtered
 * here — like the name search). Every item says what the user may do with it.
 */
import type { AppAccess } from "../schemas/access";
import type { AppSummary, AppsPage } from "../schemas/deploy";
import { grantors } from "./auth/grantors";
import { codearts } from "./codearts";
import { db } from "./db";
import { listProtectedApps } from "./db/protected-apps";
import { type Principal, appAccess, visibleTasks } from "./permissions";

export type AppsAnswer = Omit<AppsPage, "items"> & { items: (AppSummary & { access: AppAccess })[] };

const UPSTREAM_PAGE = 100;

export async function listAppsFor(user: Principal, input: { q?: string; page: number; size: number; state?: string }): Promise<AppsAnswer> {
  const visible = visibleTasks(user);
  const [page, protectedApps, who] = await Promise.all([
    visible === "all" ? codearts().listApps(input) : restricted(visible, input),
    listProtectedApps(db()),
    grantors(),
  ]);
  const prot = new Set(protectedApps.map((p) => p.taskId));
  return {
    ...page,
    items: page.items.map((a) => ({ ...a, access: appAccess(user, a.taskId, { protected: a.taskId !== null && prot.has(a.taskId), grantors: who }) })),
  };
}

async function restricted(tasks: Set<string>, input: { q?: string; page: number; size: number; state?: string }): Promise<AppsPage> {
  if (tasks.size === 0) return { items: [], total: 0, page: input.page, size: input.size };
  const deploy = codearts();
  const first = await deploy.listApps({ page: 1, size: UPSTREAM_PAGE, state: input.state });
  const pages = Math.ceil(first.total / UPSTREAM_PAGE);
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pages - 1) }, (_, i) => deploy.listApps({ page: i + 2, size: UPSTREAM_PAGE, state: input.state })),
  );
  const q = input.q?.trim().toLocaleLowerCase();
  const all = [first, ...rest]
    .flatMap((p) => p.items)
    .filter((a) => a.taskId !== null && tasks.has(a.taskId) && (!q || a.name.toLocaleLowerCase().includes(q)));
  const start = (input.page - 1) * input.size;
  return { items: all.slice(start, start + input.size), total: all.length, page: input.page, size: input.size };
}
