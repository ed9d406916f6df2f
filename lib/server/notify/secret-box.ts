import "server-only";
/**
 * Channel URLs and secrets at rest: AES-256-GCM under a key derived from the console secret (NEXTAUTH_SECRET, or the
 * demo secret under DATA_DIR), so every replica opens what another sealed. A sealed value is
 * `v1:` + base64url(iv(12) ‖ ciphertext ‖ tag(16)). Rotating the console secret makes stored channels unreadable:
 * `open` then throws, and the admin enters the URL/secret again. `maskUrl` is what answers show instead.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { authSecret } from "../auth/secret";

const PREFIX = "v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Why a sealed value could not be opened (tampered with, truncated, or sealed under another console secret). */
export class SecretBoxError extends Error {
  override name = "SecretBoxError";
}

let derived: Buffer | undefined;

function notifyKey(): Buffer {
  derived ??= createHmac("sha256", authSecret()).update("codearts-console/notify-secrets/v1").digest();
  return derived;
}

function checkKey(key: Buffer): void {
  if (key.length !== 32) throw new SecretBoxError(`the notify secret key must be 32 bytes (got ${key.length})`);
}

export function sealWith(key: Buffer, plain: string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES); // fresh per value: GCM must never reuse an IV under one key
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

export function openWith(key: Buffer, sealed: string): string {
  checkKey(key);
  if (!sealed.startsWith(PREFIX)) throw new SecretBoxError("not a sealed notify secret (expected v1:…)");
  const raw = Buffer.from(sealed.slice(PREFIX.length), "base64url");
  if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError("the sealed notify secret is truncated");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError(
      "the sealed notify secret cannot be opened: it was altered, or sealed under another console secret (NEXTAUTH_SECRET changed) — enter the channel's URL/secret again",
    );
  }
}

/** Seals under the key derived from the console secret. */
export const seal = (plain: string): string => sealWith(notifyKey(), plain);
/** Opens what `seal` sealed; throws SecretBoxError when it was altered or the console secret changed. */
export const open = (sealed: string): string => openWith(notifyKey(), sealed);

/** `…d2f1`: the last 4 characters of a long value, nothing of a short one (8 or fewer: the tail would be most of it). */
function hint(value: string): string {
  const chars = [...value];
  return chars.length > 8 ? `…${chars.slice(-4).join("")}` : "…";
}

/** A path segment this long may be a token (channels/http.ts scrubs the same from answers). */
const LONG_SEGMENT = 16;
/** Path segments after which everything is the credential: Slack's /services/T…/B…/…, Feishu's (and Lark's) /hook/<id>. */
const SECRET_PATH = /^(.*?\/(?:services|hook)\/)(.+)$/;

/**
 * The URL for display with its credentials masked: userinfo (the password, or a lone user name, which is often a
 * token), every query value (WeCom `key`, DingTalk `access_token`, anything else), Slack's and Feishu's path
 * tokens, every other long path segment, and the fragment. `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…d2f1`.
 */
export function maskUrl(url: string): string {
  if (!URL.canParse(url)) return hint(url);
  const u = new URL(url);
  let userinfo = "";
  if (u.username || u.password) {
    const user = decodeURIComponent(u.username);
    userinfo = u.password ? `${user}:${hint(decodeURIComponent(u.password))}@` : `${hint(user)}@`;
  }
  const path = SECRET_PATH.exec(u.pathname);
  // Elsewhere a long path segment may be a token too (a generic webhook's /hooks/<token>), as the delivery log's
  // scrubbing assumes (channels/http.ts): the URL is never shown whole.
  const pathname =
    path?.[1] && path[2]
      ? path[1] + hint(decodeURIComponent(path[2]))
      : u.pathname
          .split("/")
          .map((segment) => (segment.length >= LONG_SEGMENT ? hint(decodeURIComponent(segment)) : segment))
          .join("/");
  const query = [...u.searchParams].map(([k, v]) => `${k}=${hint(v)}`).join("&");
  return `${u.protocol}//${userinfo}${u.host}${pathname}${query ? `?${query}` : ""}${u.hash ? "#…" : ""}`;
}
