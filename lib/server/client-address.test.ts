import { describe, expect, it } from "vitest";
import { loadEnv } from "./env-schema";
import { PEER_HEADER, clientAddress, trustList } from "./client-address";

const from = (headers: Record<string, string>) => (name: string) => headers[name];

describe("client address", () => {
  const none = trustList([]);
  const proxies = trustList(["10.0.0.0/8", "127.0.0.1", "fd00::/8"]);

  it("is the socket's address when no proxy is trusted, whatever X-Forwarded-For a client sends", () => {
    expect(clientAddress(from({ [PEER_HEADER]: "198.51.100.9", "x-forwarded-for": "203.0.113.5" }), none)).toBe("198.51.100.9");
    expect(clientAddress(from({ [PEER_HEADER]: "::ffff:198.51.100.9" }), none)).toBe("198.51.100.9");
    // Even from loopback: a proxy is believed only when configured.
    expect(clientAddress(from({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "203.0.113.5" }), none)).toBe("127.0.0.1");
  });

  it.each<[string, string | undefined, string]>([
    ["a trusted proxy hands over to the address it saw", "203.0.113.5", "203.0.113.5"],
    ["hops are read from the right, trusted ones skipped", "198.51.100.1, 203.0.113.5, 10.1.2.3", "203.0.113.5"],
    ["what a client claimed before the first untrusted hop is ignored", "1.1.1.1, 203.0.113.5", "203.0.113.5"],
    ["a trusted proxy that names no client is the client", undefined, "127.0.0.1"],
    ["an unreadable hop stops the walk at the last proxy", "not-an-address", "127.0.0.1"],
    ["IPv6 proxies and clients", "2001:db8::7, fd00::1", "2001:db8::7"],
  ])("behind trusted proxies: %s", (_, forwarded, client) => {
    const headers: Record<string, string> = { [PEER_HEADER]: "127.0.0.1" };
    if (forwarded !== undefined) headers["x-forwarded-for"] = forwarded;
    expect(clientAddress(from(headers), proxies)).toBe(client);
  });

  it("is unknown (null) for a request that did not come through the console's server", () => {
    expect(clientAddress(from({ "x-forwarded-for": "203.0.113.5" }), proxies)).toBeNull();
    expect(clientAddress(from({ [PEER_HEADER]: "forged" }), proxies)).toBeNull();
  });

  it("TRUSTED_PROXIES takes addresses and CIDR blocks, and names a bad entry", () => {
    expect(loadEnv({ TRUSTED_PROXIES: " 127.0.0.1, 10.0.0.0/8 ,::1,fd00::/8" }).trustedProxies).toEqual(["127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"]);
    expect(loadEnv({}).trustedProxies).toEqual([]);
    expect(() => loadEnv({ TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/TRUSTED_PROXIES.*"10\.0\.0\.0\/33": the prefix length must be 0–32/);
    expect(() => loadEnv({ TRUSTED_PROXIES: "proxy.internal" })).toThrow(/"proxy\.internal" is not an IP address or CIDR block/);
  });
});
