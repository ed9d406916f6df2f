import "server-only";
/** Who and where a request comes from, in ledger terms; and the fail-closed error of the write-ahead row. */
import { ApiError } from "../errors";
import { log } from "../log";
import type { Principal } from "../permissions";
import type { LedgerActor as Actor } from "../../schemas/ledger";
import type { ClientInfo } from "../ledger/store";

export function actorOf(p: Principal | null): Actor {
  if (!p) return { id: null, name: null, email: null, teams: [] };
  const teams = [...new Set(p.grants.map((g) => g.teamName).filter((t): t is string => Boolean(t)))].sort();
  return { id: p.id, name: p.name, email: p.email, teams };
}

/**
 * The client: the first X-Forwarded-For hop (Next.js fills the header with the socket's address when a request
 * arrives without one, so behind no proxy this is the socket), else X-Real-IP. As trustworthy as the proxy in
 * front: a client talking to the console directly can write its own X-Forwarded-For.
 */
export function clientOf(headers: Headers, requestId: string | null): ClientInfo {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const address = forwarded || headers.get("x-real-ip")?.trim() || null;
  return { address: address ? address.replace(/^::ffff:/, "") : null, userAgent: headers.get("user-agent"), requestId };
}

/** Errors whose ledger row is already written (the route wrapper must not add a `denied` row for them). */
const ledgered = new WeakSet<object>();
export function markLedgered<E>(err: E): E {
  if (typeof err === "object" && err !== null) ledgered.add(err);
  return err;
}
export const isLedgered = (err: unknown) => typeof err === "object" && err !== null && ledgered.has(err);

/** Write-ahead failed: the cloud is not called. The database error goes to the log only. */
export function ledgerUnavailable(cause: unknown): ApiError {
  log.error("deploy ledger write failed", { detail: cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause) });
  return new ApiError(
    "ledger_unavailable",
    "The deploy ledger could not record this request, so it was not sent to CodeArts and nothing was deployed. Try again when the console's database is reachable.",
  );
}

/** Runs a database step of the write-ahead path: console errors pass, anything else means the ledger is unavailable. */
export async function ledgerStep<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw ledgerUnavailable(err);
  }
}
