// The fixed security headers, in plain JavaScript so next.config.js can read them too (a next.config.ts would make
// `next start` load the SWC compiler to read its config: about 30 MB more resident memory for the whole run).

/** The headers every answer carries, pages and API alike. */
export const COMMON_SECURITY_HEADERS = Object.freeze({
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
});

/**
 * Security headers of every /api answer (set by next.config.js, so Next.js's own answers get them too). An API
 * answer is JSON, a CSV or a log file, never a page: nothing in it may load or run.
 */
export const API_SECURITY_HEADERS = Object.freeze({
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  ...COMMON_SECURITY_HEADERS,
});
