import "server-only";
/**
 * The deploy service wired to this console process: the database, CodeArts, the fingerprint secret, and the periodic
 * reconciler (at start-up, then every LEDGER_RECONCILE_INTERVAL_MS). Every process runs one; they coordinate
 * through the database only.
 */
import { createHmac } from "node:crypto";
import { authSecret } from "../auth/secret";
import { codearts } from "../codearts";
import { db } from "../db";
import { env } from "../env";
import { log } from "../log";
import type { DeployDeps } from "./deploy-deps";
import { type Loop, startLoop } from "../loop";
import { reconcileOnce, releaseReconcilerLeases } from "./reconcile";

let secret: Buffer | undefined;

/**
 * The key of `encrypt` fingerprints and idempotency hashes, derived from the session secret (NEXTAUTH_SECRET, or
 * the demo secret kept under DATA_DIR) so every replica computes the same fingerprints. Rotating that secret
 * makes later fingerprints differ from earlier ones: a diff across the rotation reads "changed".
 */
export function ledgerSecret(): Buffer {
  secret ??= createHmac("sha256", authSecret()).update("codearts-console/ledger-fingerprint/v1").digest();
  return secret;
}

export function deployDeps(): DeployDeps {
  return { db: db(), upstream: codearts(), secret: ledgerSecret(), timeoutMs: env().timeoutMs };
}

// On globalThis: `next dev` reloads modules, and one process must run one loop.
const holder = globalThis as typeof globalThis & { __codeartsLedgerReconciler?: Loop };

export function startReconciler(): void {
  holder.__codeartsLedgerReconciler ??= startLoop(env().ledgerReconcileIntervalMs, async () => {
    try {
      const s = await reconcileOnce(deployDeps());
      if (s.started + s.notStarted + s.stops > 0) log.info("deploy ledger reconciled", { ...s });
    } catch (err) {
      log.warn("deploy ledger: reconciliation pass failed", { detail: String(err) });
    }
  });
}

/** Shutdown: no further pass; the one under way ends first. Then this process's marker leases are given up. */
export async function stopReconciler(): Promise<void> {
  const loop = holder.__codeartsLedgerReconciler;
  if (!loop) return;
  await loop.stop();
  await releaseReconcilerLeases(db());
}
