/**
 * The stored sign-in: `{ url, token }` in <config dir>/config.json, readable by the user only (file 0600, directory
 * 0700). CODEARTS_CONSOLE_URL and CODEARTS_CONSOLE_TOKEN override it (CI jobs need no file at all).
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CliEnv } from "./env";
import { notSignedIn, usageError } from "./exit-codes";

export interface StoredConfig {
  url: string;
  token: string;
}

export const configFile = (dir: string) => join(dir, "config.json");

export function readConfig(dir: string): Partial<StoredConfig> {
  let text: string;
  try {
    text = readFileSync(configFile(dir), "utf8");
  } catch {
    return {};
  }
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    return {
      ...(typeof raw.url === "string" ? { url: raw.url } : {}),
      ...(typeof raw.token === "string" ? { token: raw.token } : {}),
    };
  } catch {
    // A damaged file reads as no sign-in; `login` writes it anew.
    return {};
  }
}

/** Written to a temporary file created 0600 and renamed over the old one: the token is never readable by others, not even briefly. */
export function writeConfig(dir: string, config: StoredConfig): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = configFile(dir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ url: config.url, token: config.token }, null, 2)}\n`, { mode: 0o600, flag: "w" });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
  return file;
}

/** True when there was a file to remove. */
export function removeConfig(dir: string): boolean {
  const file = configFile(dir);
  try {
    readFileSync(file);
  } catch {
    return false;
  }
  rmSync(file, { force: true });
  return true;
}

/** The console's base URL: http(s) only, no path beyond the root, no trailing slash. */
export function normaliseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw usageError("invalid_url", `"${raw}" is not a URL (expected e.g. https://deploy-console.example.com).`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw usageError("invalid_url", `The console URL must start with https:// (got ${url.protocol}).`);
  if (url.username || url.password) throw usageError("invalid_url", "The console URL must not carry a user name or password.");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** Plain http to another machine sends the token in the clear. */
export function isInsecure(url: string): boolean {
  const u = new URL(url);
  return u.protocol === "http:" && !["localhost", "127.0.0.1", "[::1]"].includes(u.hostname);
}

/** The URL and token a command uses: the environment's first, then the stored ones. */
export function resolveSignIn(env: CliEnv): StoredConfig {
  const stored = readConfig(env.configDir);
  const url = env.url ?? stored.url;
  const token = env.token ?? stored.token;
  if (!url || !token) {
    throw notSignedIn("Not signed in: run `codearts-console login --url <console URL>` (or set CODEARTS_CONSOLE_URL and CODEARTS_CONSOLE_TOKEN).");
  }
  return { url: normaliseUrl(url), token };
}
