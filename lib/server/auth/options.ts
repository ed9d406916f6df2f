import "server-only";
/**
 * next-auth options: JWT sessions carrying only the user id and provider (rights are re-read from the database
 * on every request), the credentials provider ("credentials") and, when configured, OIDC ("oidc").
 * Sign-in page: /sign-in; callbacks: /api/auth/callback/{credentials,oidc}.
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "../db";
import { env } from "../env";
import { log } from "../log";
import { requestClientAddress } from "../client-address";
import { ready } from "../startup";
import { sessionCookieName } from "./cookie";
import { checkCredentials } from "./credentials";
import { OIDC_PROVIDER_ID, oidcProvider, signInOidcUser } from "./oidc";
import { authSecret } from "./secret";

const CREDENTIALS_PROVIDER_ID = "credentials";
const SIGN_IN_PAGE = "/sign-in";
/** Sessions last a working day; signing in again re-issues one. */
const SESSION_MAX_AGE_S = 12 * 60 * 60;

/** A header of next-auth's request (a plain object of lower-case names; repeated headers as arrays). */
function headerOf(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  return Array.isArray(raw) ? raw.join(",") : typeof raw === "string" ? raw : undefined;
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const e = env();
  const acceptDemoAccounts = e.mode === "demo";
  cached = {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    useSecureCookies: e.auth.secureCookies,
    cookies: {
      sessionToken: {
        name: sessionCookieName(),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: e.auth.secureCookies },
      },
    },
    pages: { signIn: SIGN_IN_PAGE, error: SIGN_IN_PAGE },
    providers: [
      CredentialsProvider({
        id: CREDENTIALS_PROVIDER_ID,
        name: "Local account",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          await ready();
          const address = requestClientAddress((name) => headerOf(req.headers, name));
          const result = await checkCredentials(db(), {
            email: credentials?.email ?? "",
            password: credentials?.password ?? "",
            address,
            acceptDemoAccounts,
          });
          if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name };
          log.warn("sign-in refused", { provider: "credentials", email: credentials?.email?.slice(0, 320), address, code: result.code });
          // next-auth hands a thrown message to the sign-in page as ?error= (a returned null is CredentialsSignin).
          if (result.code === "CredentialsSignin") return null;
          throw new Error(result.code);
        },
      }),
      ...(e.auth.oidc ? [oidcProvider(e.auth.oidc)] : []),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        await ready();
        const result = await signInOidcUser(
          db(),
          {
            subject: account.providerAccountId,
            email: user.email ?? null,
            emailVerified: user.oidcEmailVerified ?? null,
            name: user.name ?? user.email ?? account.providerAccountId,
            groups: user.groups ?? [],
          },
          { acceptDemoAccounts },
        );
        if (!result.ok) {
          log.warn("sign-in refused", { provider: OIDC_PROVIDER_ID, subject: account.providerAccountId, reason: result.reason });
          return false;
        }
        log.info("signed in", { provider: OIDC_PROVIDER_ID, userId: result.user.id, teams: result.teams });
        // The token's subject is the console user id, not the provider's subject.
        user.id = result.user.id;
        user.email = result.user.email;
        return true;
      },
      jwt({ token, user, account }) {
        if (user && account) {
          token.sub = user.id;
          token.provider = account.provider === OIDC_PROVIDER_ID ? "oidc" : "credentials";
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
    events: {
      signIn({ user, account }) {
        if (account?.provider === CREDENTIALS_PROVIDER_ID) log.info("signed in", { provider: CREDENTIALS_PROVIDER_ID, userId: user.id });
      },
    },
  };
  return cached;
}
