/**
 * The CLI's one reader of the environment: every variable it honours, read once from the record it is given
 * (process.env in bin/codearts-console.mjs, a plain object in tests).
 */
import { homedir } from "node:os";
import { join } from "node:path";

export interface CliEnv {
  /** Where config.json lives: CODEARTS_CONSOLE_CONFIG_DIR, else $XDG_CONFIG_HOME/codearts-console, else ~/.config/codearts-console. */
  configDir: string;
  /** CODEARTS_CONSOLE_URL / CODEARTS_CONSOLE_TOKEN: override what `login` stored. */
  url: string | null;
  token: string | null;
  /** DEBUG=codearts-console (or *): each request and answer on stderr, never a header's value. */
  debug: boolean;
  /** CODEARTS_SECRET_<KEY>: the value of an `encrypt` parameter named on --secret, when stdin is not a terminal. */
  secretOf(key: string): string | null;
}

const nonEmpty = (v: string | undefined) => (v === undefined || v === "" ? null : v);

/** db.password → CODEARTS_SECRET_DB_PASSWORD: upper case, every character besides A-Z, 0-9 and _ as _. */
export const secretVariable = (key: string) => `CODEARTS_SECRET_${key.toUpperCase().replace(/[^A-Z0-9_]/g, "_")}`;

export function readEnv(env: Record<string, string | undefined>, home: () => string = homedir): CliEnv {
  const xdg = nonEmpty(env.XDG_CONFIG_HOME);
  const configDir = nonEmpty(env.CODEARTS_CONSOLE_CONFIG_DIR) ?? join(xdg ?? join(home(), ".config"), "codearts-console");
  const debug = (env.DEBUG ?? "").split(/[\s,]+/).some((d) => d === "*" || d === "codearts-console" || d === "codearts-console:*");
  return {
    configDir,
    url: nonEmpty(env.CODEARTS_CONSOLE_URL?.trim()),
    token: nonEmpty(env.CODEARTS_CONSOLE_TOKEN?.trim()),
    debug,
    secretOf: (key) => env[secretVariable(key)] ?? null,
  };
}

/** The environment of this process (the one read of process.env). */
export const processEnv = (): CliEnv => readEnv(process.env);
