import "server-only";
/** The signed-in user of a request: the session cookie's token, then the user's current rights from the database. */
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { db } from "../db";
import { env } from "../env";
import type { Principal } from "../permissions";
import { sessionCookieName } from "./cookie";
import { decodeOnce } from "./decode-cache";
import { loadPrincipal } from "./principal";
import { authSecret } from "./secret";

export async function principalOf(req: NextRequest): Promise<Principal | null> {
  const token = await getToken({ req, secret: authSecret(), cookieName: sessionCookieName(), decode: decodeOnce });
  if (!token?.sub) return null;
  return loadPrincipal(db(), token.sub, { provider: token.provider ?? "credentials", acceptDemoAccounts: env().mode === "demo" });
}
