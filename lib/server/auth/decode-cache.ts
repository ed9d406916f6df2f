/**
 * Decrypted session tokens by their cookie value, shared by the proxy (which lets a page request through only with
 * a session) and the routes and pages (who is signed in). Decoding one costs an HKDF key derivation and an AES-GCM
 * decryption (about 0.4 ms of CPU, a large share of a read's cost in the console) and every request of a session
 * carries the same cookie: without the shared cache a page request decoded it twice. Only the token's claims are
 * kept (who is signed in); the user's rights are still read from the database on every request. An entry lasts
 * until the token expires and at most DECODED_TTL_MS.
 *
 * The proxy and the app are bundled apart, so the map lives on globalThis: one per process, whichever bundle
 * asks first. No database or environment import here: the proxy bundle includes this file.
 */
import { type JWT, type JWTDecodeParams, decode } from "next-auth/jwt";

const DECODED_TTL_MS = 5 * 60_000;
const DECODED_MAX = 1_000;
/** next-auth's own tolerance for the token's exp claim. */
const CLOCK_TOLERANCE_S = 15;

type Entry = { until: number; token: JWT };
const KEY = Symbol.for("codearts-console.decoded-sessions");
const cache = ((globalThis as { [KEY]?: Map<string, Entry> })[KEY] ??= new Map<string, Entry>());

export async function decodeOnce(params: JWTDecodeParams, now = Date.now()): Promise<JWT | null> {
  const key = params.token ?? "";
  const hit = cache.get(key);
  if (hit && now < hit.until) return hit.token;
  if (hit) cache.delete(key);
  const token = await decode(params);
  if (!token || !key) return token;
  const exp = typeof token.exp === "number" ? (token.exp + CLOCK_TOLERANCE_S) * 1000 : now;
  const until = Math.min(exp, now + DECODED_TTL_MS);
  if (until > now) {
    if (cache.size >= DECODED_MAX) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(key, { until, token });
  }
  return token;
}
