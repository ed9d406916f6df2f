import "server-only";
/**
 * The picker's first page for the server render of /apps: the rows arrive with the HTML instead of after the
 * JavaScript has loaded and asked /api/apps. Same access rules as GET /api/apps (listAppsFor); any failure (no
 * session, the cloud unreachable) just leaves the page to fetch as before — the client shows the error then.
 */
import { cookies, headers } from "next/headers";
import type { AppsList } from "../queries/apps";
import { appsQuerySchema } from "../schemas/api";
import { principalOf } from "./auth/session";
import { listAppsFor } from "./apps-access";
import { log } from "./log";
import { ready } from "./startup";

export interface FirstAppsPage {
  q: string;
  state: string;
  page: number;
  data: AppsList;
}

export async function firstAppsPage(search: Record<string, string | string[] | undefined>, size: number): Promise<FirstAppsPage | null> {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const parsed = appsQuerySchema.safeParse({ q: one(search.q) || undefined, state: one(search.state) || undefined, page: one(search.page) ?? "1", size: String(size) });
  if (!parsed.success) return null;
  try {
    await ready();
    // getToken reads `cookies` and `headers` of the request as plain objects.
    const [jar, hdrs] = await Promise.all([cookies(), headers()]);
    const req = { cookies: Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])), headers: Object.fromEntries(hdrs.entries()) };
    const user = await principalOf(req as unknown as Parameters<typeof principalOf>[0]);
    if (!user) return null;
    const { q, state, page } = parsed.data;
    const data = await listAppsFor(user, { q, state, page, size });
    return { q: q ?? "", state: state ?? "", page, data };
  } catch (err) {
    log.warn("apps page: first page not rendered on the server", { detail: String(err) });
    return null;
  }
}
