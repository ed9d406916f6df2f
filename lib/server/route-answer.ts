import "server-only";
/**
 * What a console API route would answer the user of the page being rendered, for the server render of that page:
 * the route's own handler runs (session, id validation, permission on the task, the same upstream calls), on a
 * GET built from the page request's cookies and headers. So a page can never show through its HTML what its user
 * could not read through the API, and the answer has exactly the API's shape (what the client's queries cache).
 * Only a 200 counts: any refusal or failure gives null and the page's client code asks the API itself, as
 * without this, and shows the error then.
 */
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { NextRequest } from "next/server";
import { log } from "./log";

type RouteGet = (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export async function routeAnswer<T>(get: RouteGet, path: string, params: Record<string, string>): Promise<T | null> {
  // Outside the try: reading the request is what marks the page dynamic, and Next.js signals that by throwing.
  const incoming = await headers();
  try {
    const forwarded = new Headers();
    // The session cookie and what the wrapper reads of a request; not the page's own body or method headers.
    for (const name of ["cookie", "host", "x-forwarded-host", "x-forwarded-proto", "user-agent", "accept-language"]) {
      const value = incoming.get(name);
      if (value !== null) forwarded.set(name, value);
    }
    forwarded.set("accept", "application/json");
    const host = incoming.get("x-forwarded-host") ?? incoming.get("host") ?? "localhost";
    const proto = incoming.get("x-forwarded-proto") ?? "http";
    const req = new NextRequest(new URL(path, `${proto}://${host}`), { method: "GET", headers: forwarded });
    const res = await get(req, { params: Promise.resolve(params) });
    if (res.status !== 200) return null;
    return (await res.json()) as T;
  } catch (err) {
    unstable_rethrow(err);
    log.warn("page data not rendered on the server", { path, detail: String(err) });
    return null;
  }
}
