import "server-only";

type Fields = Record<string, unknown>;
type Level = "debug" | "info" | "warn" | "error";

const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** LOG_LEVEL (info), read once: lines below it are not written. An unknown value is refused at start-up (env-schema.ts). */
let threshold: number | undefined;
function thresholdOf(): number {
  if (threshold === undefined) {
    const wanted = (process.env.LOG_LEVEL ?? "").trim().toLowerCase();
    threshold = wanted in RANK ? RANK[wanted as Level] : RANK.info;
  }
  return threshold;
}

/** One JSON line per event on stderr/stdout. Callers pass only non-secret fields; values are never bodies. */
function write(level: Level, msg: string, fields: Fields = {}) {
  if (RANK[level] < thresholdOf()) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  if (level === "error") console.error(line);
  else console.log(line);
}

export const log = {
  debug: (msg: string, fields?: Fields) => write("debug", msg, fields),
  info: (msg: string, fields?: Fields) => write("info", msg, fields),
  warn: (msg: string, fields?: Fields) => write("warn", msg, fields),
  error: (msg: string, fields?: Fields) => write("error", msg, fields),
};
