import "server-only";
/**
 * Keyed fingerprints and canonical hashing — pure. An `encrypt` parameter's value never reaches the ledger: it
 * is replaced by HMAC-SHA256(ledger secret, value), so a later diff can say "changed" / "unchanged" without
 * anyone (database readers included) being able to test guesses against it without the server's secret.
 */
import { createHmac } from "node:crypto";
import type { LedgerParam } from "../../schemas/ledger";

export const FINGERPRINT_PREFIX = "hmac:";

export function fingerprint(value: string, secret: Buffer | string): string {
  return FINGERPRINT_PREFIX + createHmac("sha256", secret).update(value, "utf8").digest("hex");
}

/** Start parameters as the ledger stores them: secrets fingerprinted, everything else as sent. */
export function ledgerParams(params: readonly { key: string; value: string; type: string }[], secret: Buffer | string): LedgerParam[] {
  return params.map((p) => ({ key: p.key, type: p.type, value: p.type === "encrypt" ? fingerprint(p.value, secret) : p.value }));
}

/**
 * JSON with object keys sorted at every depth (arrays keep their order: parameter order is part of the request)
 * and `undefined` members dropped, so equal bodies give equal text whatever order their fields arrived in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * What an idempotency key is bound to: the validated body, the task and the user. Keyed (not a bare SHA-256) so
 * the stored hash cannot be used to confirm a guessed secret parameter value.
 */
export function requestHash(input: { taskId: string; userId: string; body: unknown }, secret: Buffer | string): string {
  return createHmac("sha256", secret)
    .update(canonicalJson({ body: input.body, taskId: input.taskId, userId: input.userId }), "utf8")
    .digest("hex");
}
