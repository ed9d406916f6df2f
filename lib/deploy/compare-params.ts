/**
 * Parameter diff before a start (pure, isomorphic): what the start would send, compared row by row with the
 * parameters of the task's latest record. Secrets are never compared as text — the cloud returns them blank —
 * but through the deploy ledger's keyed fingerprints of what the console sent for that record.
 */
import type { ParamComparison, ParamRow } from "../schemas/deploy";
import type { RecordParam } from "../schemas/records";
import type { LedgerParam } from "../schemas/ledger";

export interface CompareInput {
  /** The rows the start sends. */
  params: readonly ParamRow[];
  /** `encrypt` keys deliberately not sent (the cloud keeps its stored value). */
  keep: readonly string[];
  /** The latest record's parameters (ShowExecutionParams; secrets blank). */
  before: readonly RecordParam[];
  /** What the console sent when it started the latest record (the ledger's requested row), or null when it did not. */
  ledger: readonly LedgerParam[] | null;
  /** The ledger's fingerprint of a value (HMAC with the server's secret). */
  fingerprint: (value: string) => string;
}

const FINGERPRINT = /^hmac:[0-9a-f]{64}$/;

/** Typed secrets: "changed"/"unchanged" from the fingerprints; "unknown" when the console did not send the old one. */
function secretStatus(input: CompareInput, key: string, value: string): "changed" | "unchanged" | "unknown" {
  const sent = input.ledger?.find((p) => p.key === key);
  const known = sent !== undefined && FINGERPRINT.test(sent.value);
  if (!known) return "unknown";
  return input.fingerprint(value) === sent.value ? "unchanged" : "changed";
}

export function compareParams(input: CompareInput): ParamComparison[] {
  const before = new Map(input.before.map((p) => [p.name, p]));
  const out: ParamComparison[] = [];
  const next: { key: string; type: string; value: string | null }[] = [...input.params, ...input.keep.map((key) => ({ key, type: "encrypt", value: null }))];
  for (const row of next) {
    const old = before.get(row.key);
    before.delete(row.key);
    const secret = row.type === "encrypt" || Boolean(old?.secret);
    if (row.value === null) {
      // A kept secret is whatever CodeArts stores, which the console cannot read: neither "same" nor "changed" can
      // be claimed (the latest record may have been started with a typed value), so it has one label of its own.
      out.push({ key: row.key, status: "kept", type: row.type, before: null, after: null, secret: true, secretStatus: "kept" });
      continue;
    }
    if (!old) {
      out.push({ key: row.key, status: "added", type: row.type, before: null, after: secret ? null : row.value, secret, secretStatus: null });
      continue;
    }
    if (secret) {
      const status = secretStatus(input, row.key, row.value);
      out.push({ key: row.key, status: status === "unchanged" ? "same" : "changed", type: row.type, before: null, after: null, secret, secretStatus: status });
      continue;
    }
    const value = row.value ?? "";
    out.push({
      key: row.key,
      status: (old.value ?? "") === value ? "same" : "changed",
      type: row.type,
      before: old.value,
      after: value,
      secret: false,
      secretStatus: null,
    });
  }
  for (const old of before.values()) {
    out.push({ key: old.name, status: "removed", type: old.type, before: old.secret ? null : old.value, after: null, secret: old.secret, secretStatus: null });
  }
  return out;
}

/** Counts per status, for the dialog's summary line. */
export function countChanges(rows: readonly ParamComparison[]): Record<ParamComparison["status"], number> {
  const counts = { changed: 0, same: 0, added: 0, removed: 0, kept: 0 };
  for (const r of rows) counts[r.status]++;
  return counts;
}
