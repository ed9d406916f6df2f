import "server-only";
import { loadEnv, type ServerEnv } from "./env-schema";

export type { ServerEnv };

let cached: ServerEnv | undefined;

/** The validated server environment; the only door to process.env in the console. */
export function env(): ServerEnv {
  cached ??= loadEnv(process.env);
  return cached;
}
