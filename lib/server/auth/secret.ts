import "server-only";
/**
 * The key that signs and encrypts session cookies: NEXTAUTH_SECRET, or in demo mode without it a random one
 * generated once and kept in DATA_DIR/nextauth-secret (mode 0600), so sessions survive restarts.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { env } from "../env";

let cached: string | undefined;

export function authSecret(): string {
  if (cached) return cached;
  const e = env();
  if (e.auth.secret) return (cached = e.auth.secret);
  if (e.mode !== "demo") throw new Error("NEXTAUTH_SECRET is required outside demo mode"); // env() already refuses this
  const file = join(e.dataDir, "nextauth-secret");
  mkdirSync(e.dataDir, { recursive: true });
  // Written whole under a temporary name, then linked into place: a second process starting at the same moment
  // either wins the link or reads the complete file of the first.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(tmp, randomBytes(32).toString("base64url"), { mode: 0o600 });
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    unlinkSync(tmp);
  }
  chmodSync(file, 0o600);
  cached = readFileSync(file, "utf8").trim();
  return cached;
}
