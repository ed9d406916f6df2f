import "server-only";
/**
 * Start-up work, once per process (instrumentation.ts calls it; every route awaits it too, so a request can never
 * run against an unmigrated database): validate the environment, migrate, seed the demo accounts in demo mode,
 * start the deploy ledger's reconciler and the notifier.
 */
import { applyAccessPlan } from "./db/access-plan";
import { db } from "./db";
import { migrateToLatest } from "./db/migrate";
import { demoPlan } from "./auth/demo";
import { authSecret } from "./auth/secret";
import { env } from "./env";
import { startReconciler } from "./deploy/wiring";
import { offerShutdown } from "./lifecycle";
import { log } from "./log";
import { startNotifier } from "./notify/wiring";

let pending: Promise<void> | undefined;

async function init(): Promise<void> {
  const e = env();
  const applied = await migrateToLatest(db());
  if (applied.length > 0) log.info("database migrated", { dialect: e.database.kind, applied });
  authSecret();
  if (e.mode === "demo" && e.auth.demoPassword) {
    await applyAccessPlan(db(), demoPlan(e.auth.demoPassword));
    log.info("demo accounts ready", { accounts: demoPlan("").users.map((u) => u.email) });
  }
  // Settles starts left open by a process that died or an answer that was lost (lib/server/ledger/reconcile.ts).
  startReconciler();
  // Follows started records to their end and delivers the outbox's events (lib/server/notify).
  startNotifier();
  // What scripts/server.mjs calls on SIGTERM, once the requests in progress are answered (lib/server/lifecycle.ts).
  offerShutdown();
}

export function ready(): Promise<void> {
  pending ??= init().catch((err: unknown) => {
    pending = undefined; // let the next request try again (e.g. the database was not up yet)
    throw err;
  });
  return pending;
}
