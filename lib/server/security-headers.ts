import { API_SECURITY_HEADERS, COMMON_SECURITY_HEADERS } from "./security-header-values.mjs";

export { API_SECURITY_HEADERS };

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
  return { "Content-Security-Policy": csp, ...COMMON_SECURITY_HEADERS };
}
