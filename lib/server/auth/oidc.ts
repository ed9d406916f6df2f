import "server-only";
/**
 * OIDC sign-in (Keycloak, Azure AD, Authing, Huawei IAM Identity Center…): discovery from OIDC_ISSUER, PKCE and
 * state, the groups claim mapped to console teams. The user is found by subject (or linked by e-mail once) and
 * their OIDC team memberships are replaced at every sign-in.
 */
import type { Kysely } from "kysely";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { isStorableText } from "../../schemas/param-rules";
import type { OidcConfig } from "../env-schema";
import type { Database, UserRow } from "../db/schema";
import { replaceOidcMemberships } from "../db/teams";
import { createUser, findUserByEmail, findUserBySubject, updateUser } from "../db/users";
import { isDemoEmail } from "./demo";

export const OIDC_PROVIDER_ID = "oidc";

type Claims = Record<string, unknown> & { sub: string };

/** The groups claim: an array or a single string; a dotted name reaches into objects (e.g. realm_access.roles). */
export function groupsFromClaims(claims: Record<string, unknown>, claim: string): string[] {
  let value: unknown = claims[claim];
  if (value === undefined && claim.includes(".")) {
    value = claim.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), claims);
  }
  const list = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  // A group no team can be mapped to (too long, U+0000, an unpaired surrogate) is dropped, not looked up.
  return [...new Set(list.filter((g): g is string => typeof g === "string" && g.length > 0 && g.length <= 255 && isStorableText(g)))];
}

/** A text claim the console can keep (the users table), else undefined. */
const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" && isStorableText(v) ? v.trim() : undefined);

export function oidcProvider(cfg: OidcConfig): OAuthConfig<Claims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: cfg.name,
    type: "oauth",
    wellKnown: `${cfg.issuer}/.well-known/openid-configuration`,
    clientId: cfg.clientId,
    clientSecret: cfg.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    userinfo: {
      // The ID token is verified first (signature, issuer, audience); when it lacks the groups claim (some
      // providers only release it from the userinfo endpoint) the userinfo answer fills it in.
      async request({ tokens, client }) {
        // At run time this is openid-client's TokenSet (next-auth's type only lists its fields).
        const set = tokens as typeof tokens & { claims(): Claims };
        const claims = set.claims();
        if (claims[cfg.groupsClaim] !== undefined || !set.access_token || !client.issuer.metadata.userinfo_endpoint) return claims;
        const info = (await client.userinfo(set.access_token)) as Record<string, unknown>;
        if (info.sub !== claims.sub) return claims; // an answer about someone else is ignored
        return { ...info, ...claims, [cfg.groupsClaim]: info[cfg.groupsClaim] };
      },
    },
    profile(claims) {
      const email = str(claims.email)?.toLowerCase() ?? null;
      return {
        id: claims.sub,
        email,
        name: str(claims.name) ?? str(claims.preferred_username) ?? email ?? claims.sub,
        groups: groupsFromClaims(claims, cfg.groupsClaim),
        oidcEmailVerified: typeof claims.email_verified === "boolean" ? claims.email_verified : null,
      };
    },
  };
}

export interface OidcIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean | null;
  name: string;
  groups: string[];
}

export type OidcSignIn = { ok: true; user: UserRow; teams: string[] } | { ok: false; reason: string };

/** Finds or creates the console user of an OIDC identity and syncs its OIDC team memberships. */
export async function signInOidcUser(db: Kysely<Database>, id: OidcIdentity, opts: { acceptDemoAccounts: boolean }): Promise<OidcSignIn> {
  const demoRefused = { ok: false, reason: "demo accounts are disabled" } as const;
  if (!opts.acceptDemoAccounts && id.email && isDemoEmail(id.email)) return demoRefused;
  let user = await findUserBySubject(db, id.subject);
  if (!user) {
    if (!id.email) return { ok: false, reason: "the identity provider sent no e-mail address" };
    const byEmail = await findUserByEmail(db, id.email);
    if (byEmail) {
      if (byEmail.kind === "service") return { ok: false, reason: "the e-mail address belongs to a service account, which cannot sign in" };
      // Linking an existing account by e-mail needs an address the provider vouches for, and happens once.
      if (byEmail.oidc_subject) return { ok: false, reason: "the e-mail address belongs to another single sign-on identity" };
      if (id.emailVerified === false) return { ok: false, reason: "the identity provider has not verified the e-mail address" };
      await updateUser(db, byEmail.id, { oidcSubject: id.subject });
      user = { ...byEmail, oidc_subject: id.subject };
    } else {
      user = await createUser(db, { email: id.email, name: id.name, passwordHash: null, role: null, source: "oidc", oidcSubject: id.subject });
    }
  } else if (user.name !== id.name) {
    await updateUser(db, user.id, { name: id.name });
    user = { ...user, name: id.name };
  }
  if (!opts.acceptDemoAccounts && isDemoEmail(user.email)) return demoRefused;
  const teams = await replaceOidcMemberships(db, user.id, id.groups);
  return { ok: true, user, teams };
}
