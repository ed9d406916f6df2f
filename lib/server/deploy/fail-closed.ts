import "server-only";
/** The deploy service's database steps fail closed: when the ledger cannot be read or written, the cloud is not called. */
import { ApiError } from "../errors";
import { log } from "../log";

/** The ledger is unavailable: nothing is sent to CodeArts. The database error goes to the log only. */
export function ledgerUnavailable(cause: unknown): ApiError {
  log.error("deploy ledger write failed", { detail: cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause) });
  return new ApiError(
    "ledger_unavailable",
    "The deploy ledger could not record this request, so it was not sent to CodeArts and nothing was deployed. Try again when the console's database is reachable.",
  );
}

/** Runs a database step before the cloud call: console errors pass, anything else means the ledger is unavailable. */
export async function ledgerStep<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw ledgerUnavailable(err);
  }
}
