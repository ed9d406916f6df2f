import "server-only";
/**
 * This process's end, as scripts/server.mjs runs it on SIGTERM: it stops taking connections and marks the process
 * draining (GET /api/ready answers 503 from then on), lets the requests in progress finish — each start writes its
 * outcome row, or stays `requested` for the reconcilers when the drain's time is up — and then calls `shutdown`
 * below: the background loops end their pass, this process's leases are given up, the database is closed.
 * The two meet on globalThis (the server script is not part of the Next.js bundle).
 */
import { db } from "./db";
import { stopReconciler } from "./deploy/wiring";
import { log } from "./log";
import { stopNotifier } from "./notify/wiring";

const DRAINING = Symbol.for("codearts-console.draining");
const SHUTDOWN = Symbol.for("codearts-console.shutdown");
const g = globalThis as typeof globalThis & { [DRAINING]?: boolean; [SHUTDOWN]?: () => Promise<void> };

/** True once the server script began its shutdown. */
export const draining = (): boolean => g[DRAINING] === true;

async function shutdown(): Promise<void> {
  await Promise.all([stopReconciler(), stopNotifier()]);
  await db().destroy();
  log.info("shutdown: background work ended, leases released, database closed");
}

/** Called once at start-up (lib/server/startup.ts). */
export function offerShutdown(): void {
  g[SHUTDOWN] = shutdown;
}
