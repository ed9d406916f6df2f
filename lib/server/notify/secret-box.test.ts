import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { maskUrl, open, openWith, seal, sealWith, SecretBoxError } from "./secret-box";

vi.mock("../auth/secret", () => ({ authSecret: () => "console-secret-for-the-secret-box-test" }));

const key = randomBytes(32);
const plain = JSON.stringify({ url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa", secret: "SEC密钥✓" });

/** Flips one bit of the decoded payload at `at` (negative: from the end) and seals it back into the v1 format. */
function flip(sealed: string, at: number): string {
  const raw = Buffer.from(sealed.slice(3), "base64url");
  const i = at < 0 ? raw.length + at : at;
  raw[i] = (raw[i] ?? 0) ^ 0x01;
  return `v1:${raw.toString("base64url")}`;
}

describe("sealWith / openWith", () => {
  it("round-trips UTF-8 JSON, in the v1 format (iv 12 + ciphertext + tag 16)", () => {
    const sealed = sealWith(key, plain);
    expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]+$/);
    expect(Buffer.from(sealed.slice(3), "base64url").length).toBe(12 + Buffer.byteLength(plain) + 16);
    expect(sealed).not.toContain("qyapi");
    expect(openWith(key, sealed)).toBe(plain);
    expect(openWith(key, sealWith(key, ""))).toBe("");
  });

  it("uses a fresh IV each time: the same value seals differently", () => {
    const a = sealWith(key, plain);
    const b = sealWith(key, plain);
    expect(a).not.toBe(b);
    expect(a.slice(3, 19)).not.toBe(b.slice(3, 19)); // the first 12 bytes (16 base64url characters) are the IV
    expect(openWith(key, a)).toBe(openWith(key, b));
  });

  it.each([
    ["the IV", 0],
    ["the ciphertext", 14],
    ["the tag", -1],
  ])("detects a change to %s", (_, at) => {
    const tampered = flip(sealWith(key, plain), at);
    expect(() => openWith(key, tampered)).toThrow(SecretBoxError);
    expect(() => openWith(key, tampered)).toThrow(/altered, or sealed under another console secret/);
  });

  it.each([
    ["no version prefix", "djE6AAAA", /expected v1:/],
    ["another version", "v2:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", /expected v1:/],
    ["too short for an IV and a tag", "v1:AAAAAAAA", /truncated/],
  ])("refuses %s", (_, sealed, message) => {
    expect(() => openWith(key, sealed)).toThrow(message);
  });

  it("fails under a different key (the console secret changed)", () => {
    expect(() => openWith(randomBytes(32), sealWith(key, plain))).toThrow(/NEXTAUTH_SECRET changed/);
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => sealWith(randomBytes(16), plain)).toThrow(/32 bytes/);
  });
});

describe("seal / open (the key derived from the console secret)", () => {
  it("round-trips under HMAC-SHA256(console secret, codearts-console/notify-secrets/v1)", () => {
    const derived = createHmac("sha256", "console-secret-for-the-secret-box-test").update("codearts-console/notify-secrets/v1").digest();
    const sealed = seal(plain);
    expect(open(sealed)).toBe(plain);
    expect(openWith(derived, sealed)).toBe(plain);
    expect(open(sealWith(derived, "x"))).toBe("x");
    expect(() => open(sealWith(key, plain))).toThrow(SecretBoxError);
  });
});

describe("maskUrl", () => {
  it.each([
    [
      "WeCom key",
      "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7c4e-4bc4-97a0-0ec2e3b9d2f1",
      "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…d2f1",
    ],
    [
      "DingTalk access_token",
      "https://oapi.dingtalk.com/robot/send?access_token=0a7e8c2f9b6d4e1a8c3f5b7d9e1a2c4f6b8d0e2a4c6e8f0a2b4c6d8e0f2a9c1e",
      "https://oapi.dingtalk.com/robot/send?access_token=…9c1e",
    ],
    ["Slack /services/ path", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXabcd", "https://hooks.slack.com/services/…abcd"],
    [
      "Feishu /hook/ id",
      "https://open.feishu.cn/open-apis/bot/v2/hook/2d1a7c38-5f0e-4a8b-9c4d-6e7f8a9b1c2d",
      "https://open.feishu.cn/open-apis/bot/v2/hook/…1c2d",
    ],
    [
      "Lark /hook/ id",
      "https://open.larksuite.com/open-apis/bot/v2/hook/9f8e7d6c-5b4a-4321-8765-43210fedcba9",
      "https://open.larksuite.com/open-apis/bot/v2/hook/…cba9",
    ],
    ["userinfo password", "https://deploy:hunter2-long-password-7f3a@hooks.example.com:8443/notify", "https://deploy:…7f3a@hooks.example.com:8443/notify"],
    ["a lone user name (a token)", "https://ghp_abcdefghijklmnop1234@hooks.example.com/x", "https://…1234@hooks.example.com/x"],
    [
      "every other query value",
      "http://127.0.0.1:4010/hooks/deploy?token=abcdefghij9876&team=ops&v=2",
      "http://127.0.0.1:4010/hooks/deploy?token=…9876&team=…&v=…",
    ],
    ["a generic webhook's path token", "https://hooks.example.com/hooks/6e174677fbf778b203de102704ca040f", "https://hooks.example.com/hooks/…040f"],
    ["the fragment", "https://example.com/in#secret-fragment", "https://example.com/in#…"],
    ["nothing secret", "https://example.com/webhooks/console", "https://example.com/webhooks/console"],
  ])("masks %s", (_, url, masked) => {
    expect(maskUrl(url)).toBe(masked);
  });

  it("keeps only a hint of what it cannot parse", () => {
    expect(maskUrl("not a url but a long token 1234abcd")).toBe("…abcd");
  });

  it("never shows more than 4 characters of a credential", () => {
    const secret = "Zq8xW3vN7mK2pL9rT4yB";
    for (const url of [`https://a.example/x?key=${secret}`, `https://u:${secret}@a.example/`, `https://hooks.slack.com/services/${secret}`]) {
      expect(maskUrl(url)).not.toContain(secret.slice(0, -4));
      expect(maskUrl(url)).toContain(`…${secret.slice(-4)}`);
    }
  });
});
