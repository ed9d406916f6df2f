import "server-only";
/** Password hashing: argon2id (the library default) with OWASP's minimum cost; verification never throws. */
import { randomUUID } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

const COST = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, COST);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash is a failed sign-in, not a crash
  }
}

let dummy: Promise<string> | undefined;

/**
 * Spends the same time as a real verification and fails. Used when there is no such user (or no password), so
 * response times do not tell which e-mail addresses have accounts.
 */
export async function verifyDummy(password: string): Promise<false> {
  dummy ??= hashPassword(randomUUID());
  await verifyPassword(await dummy, password);
  return false;
}
