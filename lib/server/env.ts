import "server-only";
import { loadEnv, type ServerEnv } from "./env-schema";

export type { ServerEnv };

let cached: ServerEnv | undefined;

/** The validated server environment; the only door to process.env in the console. */
export function env(): ServerEnv {
  if (cached) return cached;
  cached = loadEnv(process.env);
  // next-auth reads its base URL from process.env itself. In demo mode without NEXTAUTH_URL it must build its
  // URLs from the request's own host (the demo may be opened as localhost, 127.0.0.1 or a LAN address).
  if (!cached.auth.url) process.env.AUTH_TRUST_HOST = "true";
  return cached;
}
