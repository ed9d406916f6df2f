import { describe, expect, it } from "vitest";
import { API_SECURITY_HEADERS, securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("never allows eval in production and names the OIDC issuer as a form target", () => {
    const h = securityHeaders({ production: true, oidcIssuer: "https://sso.example.com/realms/x" });
    const csp = h["Content-Security-Policy"];
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/form-action 'self' https:\/\/sso.example.com(;|$)/);
    expect(csp).toContain("default-src 'self'");
    expect(h).toMatchObject({
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
    });
    expect(h["Permissions-Policy"]).toContain("camera=()");
  });

  it("allows eval and websockets for next dev only", () => {
    expect(securityHeaders({ production: false, oidcIssuer: null })["Content-Security-Policy"]).toContain("'unsafe-eval'");
  });

  it("lets nothing load or run from an API answer, and keeps the headers pages have", () => {
    expect(API_SECURITY_HEADERS["Content-Security-Policy"]).toMatch(/^default-src 'none';.*frame-ancestors 'none'/);
    const page = securityHeaders({ production: true, oidcIssuer: null });
    const withoutCsp = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).filter(([k]) => k !== "Content-Security-Policy"));
    expect(withoutCsp(API_SECURITY_HEADERS)).toEqual(withoutCsp(page));
    expect(Object.keys(withoutCsp(page))).toHaveLength(4);
  });
});
