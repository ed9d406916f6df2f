// What the console adds to next-auth's types: the OIDC groups travel from the profile to the sign-in callback,
// and the session token remembers which provider signed the user in.
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user?: { id?: string; name?: string | null; email?: string | null; image?: string | null };
  }
  interface User {
    groups?: string[];
    /** The OIDC email_verified claim (null when the provider did not say). */
    oidcEmailVerified?: boolean | null;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    provider?: "credentials" | "oidc";
  }
}
