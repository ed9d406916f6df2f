/** Seeds the e2e users into the console's database; the servers are up (and migrated) by now. */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";

export default function globalSetup() {
  mkdirSync("e2e/.auth", { recursive: true });
  const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "e2e/seed.ts"], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
  });
  if (r.status !== 0) throw new Error(`Seeding the e2e database failed (exit ${r.status ?? r.signal}).`);
}
