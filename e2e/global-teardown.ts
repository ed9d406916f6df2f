/** Deletes the e2e SQLite file (a PostgreSQL test database belongs to whoever started it) and the run's TLS certificate. */
import { rmSync } from "node:fs";

export default function globalTeardown() {
  if (process.env.E2E_TLS_DIR) rmSync(process.env.E2E_TLS_DIR, { recursive: true, force: true });
  const url = process.env.E2E_DATABASE_URL ?? "";
  if (!url.startsWith("file:")) return;
  const file = url.slice("file:".length);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}
