import "server-only";
/**
 * The picker's first page for the server render of /apps: the rows arrive with the HTML instead of after the
 * JavaScript has loaded and asked /api/apps. Read through GET /api/apps's own handler (routeAnswer: same session,
 * access rules and answer); any refusal or failure just leaves the page to fetch as before — the client shows the
 * error then.
 */
import { GET as getApps } from "@/app/api/apps/route";
import { withQuery } from "../queries/api";
import { type AppsAnswer, type FirstAppsPage, appsQuerySchema } from "../schemas/apps";
import { routeAnswer } from "./route-answer";

export async function firstAppsPage(search: Record<string, string | string[] | undefined>, size: number): Promise<FirstAppsPage | null> {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const parsed = appsQuerySchema.safeParse({
    q: one(search.q) || undefined,
    state: one(search.state) || undefined,
    page: one(search.page) ?? "1",
    size: String(size),
  });
  if (!parsed.success) return null;
  const { q, state, page } = parsed.data;
  const data = await routeAnswer<AppsAnswer>(getApps, withQuery("/api/apps", { q, state, page, size }), {});
  return data ? { q: q ?? "", state: state ?? "", page, data } : null;
}
