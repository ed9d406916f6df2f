import "server-only";
/**
 * The notifier of this console process: every NOTIFY_INTERVAL_MS, one pass of the record watcher, the router and
 * the delivery — in that order, so a record that ended is announced in the same tick. Every process runs one; they
 * coordinate through the database's leases only, so any number of them (or none but one) keeps everything moving.
 */
import { db } from "../db";
import { deployDeps } from "../deploy/wiring";
import { env } from "../env";
import { log } from "../log";
import { type Loop, startLoop } from "../loop";
import { type SendSettings, deliverOnce, releaseDeliveryLeases } from "./deliver";
import { routeOnce } from "./router";
import { releaseWatchLeases, watchOnce } from "./watcher";

export function sendSettings(): SendSettings {
  const e = env();
  return { timeoutMs: Math.min(e.timeoutMs, 10_000), smtpUrl: e.notify.smtpUrl, mailFrom: e.notify.mailFrom };
}

// On globalThis: `next dev` reloads modules, and one process must run one loop.
const holder = globalThis as typeof globalThis & { __codeartsNotifier?: Loop };

export function startNotifier(): void {
  holder.__codeartsNotifier ??= startLoop(env().notify.intervalMs, async () => {
    try {
      const w = await watchOnce(deployDeps());
      if (w.finished > 0) log.info("record watcher: records finished", { ...w });
      await routeOnce(db(), { mailWatchers: env().notify.smtpUrl !== null });
      const d = await deliverOnce(db(), sendSettings());
      if (d.delivered + d.retrying + d.dead > 0) log.info("notify: deliveries", { ...d });
    } catch (err) {
      log.warn("notify: pass failed", { detail: String(err) });
    }
  });
}

/** Shutdown: no further pass; the one under way ends first. Then this process's watch and delivery leases are given up. */
export async function stopNotifier(): Promise<void> {
  const loop = holder.__codeartsNotifier;
  if (!loop) return;
  await loop.stop();
  await releaseWatchLeases(db());
  await releaseDeliveryLeases(db());
}
