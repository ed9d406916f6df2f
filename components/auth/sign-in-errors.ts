/**
 * next-auth reports a failed sign-in as an error code: the credentials provider's own codes from signIn(…,
 * { redirect: false }), or `?error=` on the sign-in page after a provider round trip. The page shows one
 * localised sentence per kind (catalog keys under auth.errors).
 */
export type SignInErrorKind = "tooManyAttempts" | "wrongCredentials" | "providerFailed" | "accessDenied" | "configuration" | "failed";

const PROVIDER_FLOW = new Set(["OAuthSignin", "OAuthCallback", "OAuthCreateAccount", "Callback", "OAuthAccountNotLinked"]);

/** The kind of a next-auth error code; null when the code is not an error worth showing. */
export function signInErrorKind(code: string | null | undefined): SignInErrorKind | null {
  if (!code || code === "SessionRequired") return null;
  // Back-off and lock-out codes from the credentials check (per account or per client address).
  if (/locked|throttled/i.test(code)) return "tooManyAttempts";
  if (code === "CredentialsSignin") return "wrongCredentials";
  if (PROVIDER_FLOW.has(code)) return "providerFailed";
  if (code === "AccessDenied" || code === "Verification") return "accessDenied";
  if (code === "Configuration") return "configuration";
  return "failed";
}

/** The answer of signIn("credentials", …): anything but a lock-out reads as wrong e-mail or password. */
export const credentialsErrorKind = (code: string): SignInErrorKind => (/locked|throttled/i.test(code) ? "tooManyAttempts" : "wrongCredentials");
