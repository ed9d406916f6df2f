import "server-only";
/**
 * Who a request comes from: its API token (Authorization: Bearer, lib/server/auth/bearer.ts) when it has one — then
 * the session cookie is not read — else the session cookie's token; then the user's current rights from the database.
 */
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { db } from "../db";
import { env } from "../env";
import type { Principal } from "../permissions";
import { sessionCookieName } from "./cookie";
import { decodeOnce } from "./decode-cache";
import { loadPrincipal } from "./principal";
import { authSecret } from "./secret";
import { bearerOf, principalOfBearer } from "./bearer";

export async function principalOf(req: NextRequest): Promise<Principal | null> {
  const bearer = bearerOf(req);
  if (bearer !== null) {
    return principalOfBearer(db(), bearer, { method: req.method, path: req.nextUrl.pathname }, { acceptDemoAccounts: env().mode === "demo" });
  }
  const token = await getToken({ req, secret: authSecret(), cookieName: sessionCookieName(), decode: decodeOnce });
  if (!token?.sub) return null;
  return loadPrincipal(db(), token.sub, { provider: token.provider ?? "credentials", acceptDemoAccounts: env().mode === "demo" });
}
