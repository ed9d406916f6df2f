/** Deletes the e2e SQLite file (a PostgreSQL test database belongs to whoever started it). */
import { rmSync } from "node:fs";

export default function globalTeardown() {
  const url = process.env.E2E_DATABASE_URL ?? "";
  if (!url.startsWith("file:")) return;
  const file = url.slice("file:".length);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}
