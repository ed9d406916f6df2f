// GET|POST /api/auth/* – next-auth: providers "credentials" and "oidc", callbacks /api/auth/callback/{id}
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/server/auth/options";
import { ready } from "@/lib/server/startup";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options are built on the first request, not at import: `next build` loads this module without a runtime env.
async function handler(req: NextRequest, ctx: Ctx): Promise<Response> {
  await ready();
  return (await NextAuth(req, ctx, authOptions())) as Response;
}

export { handler as GET, handler as POST };
