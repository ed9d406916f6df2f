/**
 * In front of every request: security headers on every response, same-origin for state-changing /api calls, and
 * pages only with a session (others go to /sign-in?callbackUrl=…). /api routes answer 401/403 themselves (JSON),
 * static files and the sign-in page are open. The session of an /api request is not even decoded here (the route
 * wrapper does that, once, with the permission check: every /api route but health and next-auth's own goes
 * through it), so an API read pays for one token decryption, not two.
 */
import { type NextFetchEvent, NextResponse } from "next/server";
import { type NextRequestWithAuth, withAuth } from "next-auth/middleware";
import { methodNotAllowed } from "@/lib/server/api-methods";
import { sessionCookieName } from "@/lib/server/auth/cookie";
import { authSecret } from "@/lib/server/auth/secret";
import { env } from "@/lib/server/env";
import { CROSS_SITE_MESSAGE, crossSiteProblem, originFacts } from "@/lib/server/same-origin";
import { securityHeaders } from "@/lib/server/security-headers";

const SIGN_IN = "/sign-in";

const isApi = (path: string) => path === "/api" || path.startsWith("/api/");

/** Paths that need no session here: the API (it answers 401 JSON itself), the sign-in page, and files. */
const isOpen = (path: string) =>
  isApi(path) || path === SIGN_IN || path.startsWith("/_next/") || /\/[^/]+\.[a-z0-9]+$/i.test(path);

const auth = withAuth({
  // Read per request (getters): no secret or environment is needed to build the proxy.
  get secret() {
    return authSecret();
  },
  get cookies() {
    return { sessionToken: { name: sessionCookieName() } };
  },
  pages: { signIn: SIGN_IN },
  callbacks: { authorized: ({ req, token }) => token !== null || isOpen(req.nextUrl.pathname) },
});

/** Not valid percent-encoding (`/api/tasks/%`, `%zz`, `%ED%A0%80`): Next.js fails to decode the route's params with a 500. */
function malformedPath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

export default async function proxy(req: NextRequestWithAuth, event: NextFetchEvent): Promise<Response> {
  const e = env();
  let res: Response;
  const api = req.nextUrl.pathname.startsWith("/api/");
  const crossSite = api ? crossSiteProblem(originFacts(req.method, req.headers), e.auth.url) : null;
  const allowed = api ? methodNotAllowed(req.method, req.nextUrl.pathname) : null;
  if (crossSite) {
    res = NextResponse.json({ error: { code: "cross_site", message: CROSS_SITE_MESSAGE(crossSite) } }, { status: 403, headers: { "cache-control": "no-store" } });
  } else if (malformedPath(req.nextUrl.pathname)) {
    res = api
      ? NextResponse.json(
          { error: { code: "invalid_id", message: "The request path is not valid percent-encoding." } },
          { status: 400, headers: { "cache-control": "no-store" } },
        )
      : new NextResponse("400 Bad Request: the address is not valid percent-encoding.", {
          status: 400,
          headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
        });
  } else if (allowed) {
    const allow = allowed.join(", ");
    res = NextResponse.json(
      { error: { code: "method_not_allowed", message: `${req.method} is not allowed here; this route answers ${allow}.` } },
      { status: 405, headers: { allow, "cache-control": "no-store" } },
    );
  } else if (isApi(req.nextUrl.pathname)) {
    // Not decoded here: every /api route decodes the session once in its wrapper and answers 401/403 JSON itself.
    res = NextResponse.next();
  } else {
    res = (await auth(req, event)) ?? NextResponse.next();
  }
  for (const [k, v] of Object.entries(securityHeaders({ production: e.production, oidcIssuer: e.auth.oidc?.issuer ?? null }))) {
    res.headers.set(k, v);
  }
  return res;
}

export const config = {
  // Everything, static files included (they get the security headers too).
  matcher: "/:path*",
};
