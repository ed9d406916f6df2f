// GET|POST /api/auth/* – next-auth: providers "credentials" and "oidc", callbacks /api/auth/callback/{id}
import NextAuth from "next-auth";
import { type NextRequest, NextResponse } from "next/server";
import { authOptions } from "@/lib/server/auth/options";
import { env } from "@/lib/server/env";
import { toErrorResponse } from "@/lib/server/errors";
import { crossSiteRefusal } from "@/lib/server/same-origin";
import { ready } from "@/lib/server/startup";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options are built on the first request, not at import: `next build` loads this module without a runtime env.
async function handler(req: NextRequest, ctx: Ctx): Promise<Response> {
  // Same-origin, like every console route (next-auth's CSRF token covers its own POSTs besides).
  const crossSite = crossSiteRefusal(req, env().auth.url);
  if (crossSite) {
    const answer = toErrorResponse(crossSite);
    return NextResponse.json(answer.body, { status: answer.status, headers: { "cache-control": "no-store" } });
  }
  await ready();
  return (await NextAuth(req, ctx, authOptions())) as Response;
}

export { handler as GET, handler as POST };
