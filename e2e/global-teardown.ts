/**
 * After the run: the e2e console's whole log (e2e/log-tee.mjs) must hold none of the secrets the run used — the
 * cloud's AK/SK, the session and OIDC client secrets, the metrics token, the users' password, the `encrypt` values
 * the specs plant, any API token's secret. Then the SQLite file (a PostgreSQL test database belongs to whoever
 * started it), the run's TLS certificate and the log are deleted.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { CANARY, CONSOLE_ENV, E2E_CONSOLE_LOG, E2E_METRICS_TOKEN } from "../playwright.config";
import { PASSWORD } from "./users";

/** What no log line may contain, as the specs send it. */
const SECRETS: (string | RegExp)[] = [
  CANARY.ak,
  CANARY.sk,
  CONSOLE_ENV.NEXTAUTH_SECRET ?? "",
  CONSOLE_ENV.OIDC_CLIENT_SECRET ?? "",
  E2E_METRICS_TOKEN,
  PASSWORD,
  "e2e-planted-secret",
  /planted-e2e-secret-[0-9a-f]{16}/,
  /cdc_[A-Za-z0-9_-]{43}/,
];

/** The secrets found in `log` (named by their first characters only: the report must not print them either). */
export function secretsIn(log: string): string[] {
  return SECRETS.filter((s) => (typeof s === "string" ? s !== "" && log.includes(s) : s.test(log))).map((s) =>
    typeof s === "string" ? `${s.slice(0, 4)}…` : `/${s.source.slice(0, 8)}…/`,
  );
}

export default function globalTeardown() {
  if (process.env.E2E_TLS_DIR) rmSync(process.env.E2E_TLS_DIR, { recursive: true, force: true });
  const url = process.env.E2E_DATABASE_URL ?? "";
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  }
  if (!existsSync(E2E_CONSOLE_LOG)) throw new Error(`The e2e console's log ${E2E_CONSOLE_LOG} is missing: the secrets check cannot run.`);
  const log = readFileSync(E2E_CONSOLE_LOG, "utf8");
  rmSync(E2E_CONSOLE_LOG, { force: true });
  const found = secretsIn(log);
  if (found.length > 0) throw new Error(`The e2e console's log holds secrets: ${found.join(", ")} (${log.length} characters searched).`);
  console.log(`Secrets check: none of ${SECRETS.length} secrets in the console's log (${log.split("\n").length} lines).`);
}
