import { describe, expect, it } from "vitest";
import { oidcProvider, groupsFromClaims } from "./oidc";
import { clientAddress } from "./options";

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

describe("client address for the per-address back-off", () => {
  it.each<[Record<string, unknown> | undefined, string | null]>([
    [{ "x-forwarded-for": "203.0.113.5" }, "203.0.113.5"],
    // What the nearest hop appended, not what the client claimed first.
    [{ "x-forwarded-for": "10.9.9.9, 198.51.100.2" }, "198.51.100.2"],
    [{ "x-forwarded-for": ["1.1.1.1", "2.2.2.2"] }, "2.2.2.2"],
    [{}, null],
    [undefined, null],
  ])("%j → %s", (headers, address) => {
    expect(clientAddress(headers)).toBe(address);
  });
});
