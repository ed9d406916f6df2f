/** Keyed fingerprints of secret parameters and the canonical request hash of idempotency keys. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FINGERPRINT_PREFIX, canonicalJson, fingerprint, ledgerParams, requestHash } from "./fingerprint";

const SECRET = "ledger-test-secret-0123456789abcdef";

describe("fingerprint", () => {
  it("is stable per value and secret, and never the value itself", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), (value) => {
        const f = fingerprint(value, SECRET);
        expect(f).toMatch(/^hmac:[0-9a-f]{64}$/);
        expect(f).toBe(fingerprint(value, SECRET));
        expect(f.slice(FINGERPRINT_PREFIX.length)).not.toContain(value.length >= 4 ? value : "\u0000");
      }),
    );
  });

  it("changes with the value and with the secret", () => {
    expect(fingerprint("p@ssw0rd", SECRET)).not.toBe(fingerprint("p@ssw0rd!", SECRET));
    expect(fingerprint("p@ssw0rd", SECRET)).not.toBe(fingerprint("p@ssw0rd", `${SECRET}x`));
    // Pinned: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
    expect(fingerprint("The quick brown fox jumps over the lazy dog", "key")).toBe("hmac:f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  });

  it("replaces only encrypt values in ledger parameters", () => {
    const params = [
      { key: "image_tag", value: "v1.2.3", type: "text" },
      { key: "db_password", value: "planted-secret-42", type: "encrypt" },
      { key: "env", value: "prod", type: "enum" },
    ];
    const out = ledgerParams(params, SECRET);
    expect(out[0]).toEqual(params[0]);
    expect(out[2]).toEqual(params[2]);
    expect(out[1]).toEqual({ key: "db_password", type: "encrypt", value: fingerprint("planted-secret-42", SECRET) });
    expect(JSON.stringify(out)).not.toContain("planted-secret-42");
  });
});

describe("canonical body hashing", () => {
  it("ignores object key order and undefined members, keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined } })).toBe('{"a":{"d":[2,1]},"b":1}');
    expect(canonicalJson({ a: { d: [2, 1] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [2, 1] } }));
    expect(canonicalJson([1, undefined, "x"])).toBe('[1,null,"x"]');
  });

  it("binds the hash to body, task and user", () => {
    const body = { params: [{ key: "k", value: "v", type: "text" }], record_id: undefined };
    const h = requestHash({ taskId: "t".repeat(32), userId: "u1", body }, SECRET);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(requestHash({ taskId: "t".repeat(32), userId: "u1", body: { params: [{ type: "text", value: "v", key: "k" }] } }, SECRET)).toBe(h);
    expect(requestHash({ taskId: "s".repeat(32), userId: "u1", body }, SECRET)).not.toBe(h);
    expect(requestHash({ taskId: "t".repeat(32), userId: "u2", body }, SECRET)).not.toBe(h);
    expect(requestHash({ taskId: "t".repeat(32), userId: "u1", body: { params: [{ key: "k", value: "w", type: "text" }] } }, SECRET)).not.toBe(h);
    expect(requestHash({ taskId: "t".repeat(32), userId: "u1", body }, "other-secret")).not.toBe(h);
  });
});
