/** The headers every answer carries, pages and API alike. */
const COMMON: Record<string, string> = {
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};

/**
 * Security headers of pages and files (set by proxy.ts). Pure. The CSP allows inline scripts and styles (the
 * App Router inlines its flight data and next-intl/Tailwind styles) but never eval outside `next dev`.
 */
export function securityHeaders(opts: { production: boolean; oidcIssuer: string | null }): Record<string, string> {
  const formAction = ["'self'", ...(opts.oidcIssuer ? [new URL(opts.oidcIssuer).origin] : [])].join(" ");
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${opts.production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.production ? "" : " ws: wss:"}`,
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    `form-action ${formAction}`,
  ].join("; ");
  return { "Content-Security-Policy": csp, ...COMMON };
}

/**
 * Security headers of every /api answer (set by next.config.ts, so Next.js's own answers get them too). An API answer
 * is JSON, a CSV or a log file, never a page: nothing in it may load or run.
 */
export const API_SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  ...COMMON,
};
