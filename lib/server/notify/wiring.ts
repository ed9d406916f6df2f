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
import { type SendSettings, deliverOnce } from "./deliver";
import { routeOnce } from "./router";
import { watchOnce } from "./watcher";

export function sendSettings(): SendSettings {
  const e = env();
  return { timeoutMs: Math.min(e.timeoutMs, 10_000), smtpUrl: e.notify.smtpUrl, mailFrom: e.notify.mailFrom };
}

// On globalThis: `next dev` reloads modules, and one process must run one loop.
const holder = globalThis as typeof globalThis & { __codeartsNotifier?: { timer: NodeJS.Timeout } };

export function startNotifier(): void {
  if (holder.__codeartsNotifier) return;
  let running = false;
  const tick = async () => {
    if (running) return; // a slow pass (a receiver timing out) is never overlapped by the next
    running = true;
    try {
      const w = await watchOnce(deployDeps());
      if (w.finished > 0) log.info("record watcher: records finished", { ...w });
      await routeOnce(db(), { mailWatchers: env().notify.smtpUrl !== null });
      const d = await deliverOnce(db(), sendSettings());
      if (d.delivered + d.retrying + d.dead > 0) log.info("notify: deliveries", { ...d });
    } catch (err) {
      log.warn("notify: pass failed", { detail: String(err) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), env().notify.intervalMs);
  timer.unref();
  holder.__codeartsNotifier = { timer };
  void tick();
}
