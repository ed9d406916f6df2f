import { describe, expect, it } from "vitest";
import { oidcProvider, groupsFromClaims } from "./oidc";

describe("OIDC", () => {
  it.each<[string, Record<string, unknown>, string, string[]]>([
    ["an array", { groups: ["a", "b", "a"] }, "groups", ["a", "b"]],
    ["a single string", { groups: "ops" }, "groups", ["ops"]],
    ["a missing claim", {}, "groups", []],
    ["a dotted path into objects (Keycloak realm roles)", { realm_access: { roles: ["deployers"] } }, "realm_access.roles", ["deployers"]],
    ["a claim name that itself contains dots", { "https://example.com/groups": ["x"] }, "https://example.com/groups", ["x"]],
    ["non-strings and empty values dropped", { groups: ["ok", 7, "", null] }, "groups", ["ok"]],
    ["groups no team can hold dropped", { groups: ["ok", "o\u0000k", "\ud800", "g".repeat(256)] }, "groups", ["ok"]],
  ])("reads the groups claim from %s", (_, claims, claim, groups) => {
    expect(groupsFromClaims(claims, claim)).toEqual(groups);
  });

  it("discovers the issuer with PKCE and state, and maps the profile", async () => {
    const p = oidcProvider({ issuer: "https://sso.example.com/realms/x", clientId: "c", clientSecret: "s", groupsClaim: "groups", name: "Team SSO" });
    expect(p).toMatchObject({
      id: "oidc",
      name: "Team SSO",
      wellKnown: "https://sso.example.com/realms/x/.well-known/openid-configuration",
      checks: ["pkce", "state"],
      idToken: true,
    });
    const profile = await p.profile({ sub: "s1", email: "Ada@Example.com", preferred_username: "ada", groups: ["g"], email_verified: true }, {});
    expect(profile).toEqual({ id: "s1", email: "ada@example.com", name: "ada", groups: ["g"], oidcEmailVerified: true });
  });
});
