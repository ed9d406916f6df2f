import { isApiError } from "@/lib/queries/api";

/**
 * Failures whose answer may have been lost on the way (or that ask to be sent again): the same request goes
 * again with the same Idempotency-Key, so the server answers it from its record of the first attempt instead of
 * deploying twice. Not an in-doubt start (the console's reconciler settles that one, never a retry), and not a
 * refusal (the server keeps that answer for the key: a new attempt is a new submission with a new key).
 */
const SEND_AGAIN = new Set(["network_error", "idempotency_in_progress", "ledger_unavailable", "database_unavailable", "internal_error"]);

export function canSendAgain(error: unknown): boolean {
  if (!isApiError(error)) return false;
  // A proxy's 502/504 page or a dropped connection: the console's answer never arrived.
  return SEND_AGAIN.has(error.code) || (error.code === "bad_response" && (error.status === 0 || error.status >= 500));
}
