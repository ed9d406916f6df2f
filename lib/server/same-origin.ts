/**
 * Same-origin check for state-changing /api requests (besides SameSite=Lax cookies). Pure, shared by the route
 * wrapper and next-auth's route. A browser always sends Origin on a cross-origin POST and Sec-Fetch-Site on every
 * request; a request with neither comes from a non-browser client (curl, scripts), which carries no one's cookies.
 */
import { ApiError } from "./errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface OriginFacts {
  method: string;
  origin: string | null;
  secFetchSite: string | null;
  /** The request's own host (Host / X-Forwarded-Host). */
  host: string | null;
}

/** null when the request may proceed, else the reason it is refused. */
export function crossSiteProblem(req: OriginFacts, publicUrl: string | null): string | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  if (req.origin !== null) {
    let origin: URL;
    try {
      origin = new URL(req.origin);
    } catch {
      return `the request's origin ${req.origin} is not this console`;
    }
    if (publicUrl && origin.origin === new URL(publicUrl).origin) return null;
    if (req.host && origin.host === req.host.split(",")[0]?.trim().toLowerCase()) return null;
    return `the request came from ${origin.origin}, not from this console`;
  }
  if (req.secFetchSite !== null) {
    return req.secFetchSite === "same-origin" || req.secFetchSite === "none" ? null : `the request came from another site (${req.secFetchSite})`;
  }
  return null;
}

function originFacts(method: string, headers: Headers): OriginFacts {
  return {
    method,
    origin: headers.get("origin"),
    secFetchSite: headers.get("sec-fetch-site"),
    host: headers.get("x-forwarded-host") ?? headers.get("host"),
  };
}

const CROSS_SITE_MESSAGE = (why: string) => `Cross-site request refused: ${why}. Use the console itself to make changes.`;

/** The 403 `cross_site` error for a state-changing request from another site, or null when it may proceed. */
export function crossSiteRefusal(req: { method: string; headers: Headers }, publicUrl: string | null): ApiError | null {
  const why = crossSiteProblem(originFacts(req.method, req.headers), publicUrl);
  return why ? new ApiError("cross_site", CROSS_SITE_MESSAGE(why)) : null;
}
