import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeOnce } from "./decode-cache";

const secret = "decode-cache-test-secret-0123456789abcdef";

describe("decodeOnce", () => {
  it("decodes a session token once, answers the same claims from the cache, and forgets it when it expires", async () => {
    const now = Date.now();
    const token = await encode({ token: { sub: "u1", name: "Ann" }, secret, maxAge: 60 });
    const first = await decodeOnce({ token, secret }, now);
    expect(first?.sub).toBe("u1");
    // Under a wrong secret a fresh decode fails; the cache answers because it already holds this cookie's claims.
    expect((await decodeOnce({ token, secret: "another-secret-of-enough-length-000" }, now + 1000))?.sub).toBe("u1");
    // Past the token's expiry (and the 15 s tolerance) the cache no longer answers: a real decode runs and refuses.
    await expect(decodeOnce({ token, secret: "another-secret-of-enough-length-000" }, now + 80_000)).rejects.toThrow();
  });

  it("does not keep what does not decode", async () => {
    await expect(decodeOnce({ token: "not-a-token", secret })).rejects.toThrow();
    await expect(decodeOnce({ token: "not-a-token", secret })).rejects.toThrow();
    expect(await decodeOnce({ token: undefined, secret })).toBeNull();
  });
});
