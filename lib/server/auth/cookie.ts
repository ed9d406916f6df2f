import "server-only";
import { env } from "../env";

/** The session cookie's name (`__Secure-` prefixed under https), shared by next-auth, the proxy (pages) and the route wrapper (API). */
export const sessionCookieName = () => `${env().auth.secureCookies ? "__Secure-" : ""}next-auth.session-token`;
