/**
 * In front of every page and file request: security headers, and pages only with a session (others go to
 * /sign-in?callbackUrl=…); static files and the sign-in page are open.
 *
 * /api requests do not come here (see `config.matcher`): Next.js's middleware pass costs about a third of an API
 * read's CPU. The routes do the API's share themselves: the route wrapper checks same-origin, session and
 * permission (lib/server/route.ts), next-auth's route checks same-origin, each route file answers its wrong methods
 * with a JSON 405 (lib/server/methods.ts), and next.config.js gives every /api answer its security headers. Only
 * /api paths with a `%` come here, to be refused when their percent-encoding is invalid: Next.js would fail to
 * decode the route's parameters with a bare 500.
 */
import { type NextFetchEvent, NextResponse } from "next/server";
import { type NextRequestWithAuth, withAuth } from "next-auth/middleware";
import { sessionCookieName } from "@/lib/server/auth/cookie";
import { decodeOnce } from "@/lib/server/auth/decode-cache";
import { authSecret } from "@/lib/server/auth/secret";
import { env } from "@/lib/server/env";
import { securityHeaders } from "@/lib/server/security-headers";

const SIGN_IN = "/sign-in";

const isApi = (path: string) => path === "/api" || path.startsWith("/api/");

/** Paths that need no session here: the API (it answers 401 JSON itself), the sign-in page, and files. */
const isOpen = (path: string) => isApi(path) || path === SIGN_IN || path.startsWith("/_next/") || /\/[^/]+\.[a-z0-9]+$/i.test(path);

const auth = withAuth({
  // Read per request (getters): no secret or environment is needed to build the proxy.
  get secret() {
    return authSecret();
  },
  get cookies() {
    return { sessionToken: { name: sessionCookieName() } };
  },
  // The page's own session read finds the token this decoded (one decryption per session, not two per page).
  jwt: { decode: (params) => decodeOnce(params) },
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
  const api = isApi(req.nextUrl.pathname);
  let res: Response;
  if (malformedPath(req.nextUrl.pathname)) {
    res = api
      ? NextResponse.json(
          { error: { code: "invalid_id", message: "The request path is not valid percent-encoding." } },
          { status: 400, headers: { "cache-control": "no-store" } },
        )
      : new NextResponse("400 Bad Request: the address is not valid percent-encoding.", {
          status: 400,
          headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
        });
  } else if (api) {
    res = NextResponse.next();
  } else {
    res = (await auth(req, event)) ?? NextResponse.next();
  }
  // /api answers (the routes' and this one's) get theirs from next.config.js.
  if (!api) {
    for (const [k, v] of Object.entries(securityHeaders({ production: e.production, oidcIssuer: e.auth.oidc?.issuer ?? null }))) {
      res.headers.set(k, v);
    }
  }
  return res;
}

export const config = {
  // Everything but /api, static files included (they get the security headers too); /api paths only with a `%`.
  matcher: ["/((?!api/).*)", "/api/(.*%.*)"],
};
