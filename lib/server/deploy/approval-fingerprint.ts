import "server-only";
/**
 * What an approval is bound to — pure. A request is reduced to its canonical form (parameters sorted by key, `encrypt`
 * values replaced by the ledger's keyed fingerprint, kept secrets sorted, the rollback target and trigger_source),
 * and its fingerprint is a keyed HMAC over that and the task id. An execution is reduced the same way and compared
 * row by row: any difference refuses it (409 approval_mismatch), and the differences never carry a secret's value.
 */
import { createHmac } from "node:crypto";
import type { ApprovalDifference } from "../../schemas/approvals";
import type { LedgerParam } from "../../schemas/ledger";
import { canonicalJson, ledgerParams } from "../ledger/fingerprint";

/** The request as it is stored and fingerprinted. */
export interface CanonicalRequest {
  params: LedgerParam[];
  keep_secrets: string[];
  record_id: string | null;
  trigger_source: "0" | "1" | null;
}

interface StartLike {
  params: readonly { key: string; value: string; type: string }[];
  keep_secrets?: readonly string[] | undefined;
  record_id?: string | undefined;
  trigger_source?: "0" | "1" | undefined;
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function canonicalRequest(body: StartLike, secret: Buffer | string): CanonicalRequest {
  return {
    params: ledgerParams(body.params, secret).sort(byKey),
    keep_secrets: [...(body.keep_secrets ?? [])].sort(),
    record_id: body.record_id ?? null,
    trigger_source: body.trigger_source ?? null,
  };
}

export function requestFingerprint(taskId: string, canon: CanonicalRequest, secret: Buffer | string): string {
  return createHmac("sha256", secret)
    .update(canonicalJson({ taskId, ...canon }), "utf8")
    .digest("hex");
}

/** A row of a request: a sent value, or a secret kept at the value CodeArts stores. */
type Row = { type: string; value: string } | { type: "encrypt"; kept: true };

function rowsOf(c: CanonicalRequest): Map<string, Row> {
  const rows = new Map<string, Row>(c.params.map((p) => [p.key, { type: p.type, value: p.value }]));
  for (const key of c.keep_secrets) rows.set(key, { type: "encrypt", kept: true });
  return rows;
}

const shown = (r: Row | undefined): string | null => (r && "value" in r && r.type !== "encrypt" ? r.value : null);
const sameRow = (a: Row, b: Row) => a.type === b.type && ("kept" in a ? "kept" in b : "value" in b && a.value === b.value);

/** Every difference of `sent` from `approved`, in key order, then the target and trigger_source. */
export function requestDifferences(approved: CanonicalRequest, sent: CanonicalRequest): ApprovalDifference[] {
  const a = rowsOf(approved);
  const s = rowsOf(sent);
  const keys = [...new Set([...a.keys(), ...s.keys()])].sort();
  const out: ApprovalDifference[] = [];
  for (const key of keys) {
    const before = a.get(key);
    const after = s.get(key);
    if (before && after && sameRow(before, after)) continue;
    const change = !before ? "added" : !after ? "removed" : before.type !== after.type ? "type" : "value";
    out.push({ field: "param", key, change, approved: shown(before), sent: shown(after) });
  }
  if (approved.record_id !== sent.record_id) {
    out.push({ field: "record_id", key: null, change: "value", approved: approved.record_id, sent: sent.record_id });
  }
  if (approved.trigger_source !== sent.trigger_source) {
    out.push({ field: "trigger_source", key: null, change: "value", approved: approved.trigger_source, sent: sent.trigger_source });
  }
  return out;
}
