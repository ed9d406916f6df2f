/** Id helpers: deterministic seed ids (same every start) and fresh random ids that never collide. */
import { randomBytes } from "node:crypto";
import { seedId } from "../demo";

/** A stable 32-char [0-9a-f] id derived from a label (lib/codearts/demo.ts: the demo accounts' grants use it too). */
export const stableId = seedId;

/**
 * A deterministic number in [0, 1) derived from a label (the seed's only source of "randomness"). FNV-1a over
 * the UTF-16 code units plus a final avalanche: cheap enough to seed thousands of apps quickly.
 */
export function stableFraction(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

/** A deterministic integer in [min, max]. */
export function stableInt(label: string, min: number, max: number): number {
  return min + Math.floor(stableFraction(label) * (max - min + 1));
}

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A random 32-char [0-9a-z] id (like the cloud's record ids). */
export function randomId(): string {
  const bytes = randomBytes(32);
  let out = "";
  // 252 = 7 * 36: reject the tail so every character is equally likely.
  for (let i = 0; out.length < 32; i++) {
    const b = i < bytes.length ? (bytes[i] ?? 0) : (randomBytes(1)[0] ?? 0);
    if (b < 252) out += ALPHABET[b % 36];
  }
  return out;
}

/** 32 lower-case hex chars, the shape of the gateway's request ids. */
export function requestId(): string {
  return randomBytes(16).toString("hex");
}
