import type { ParamRow, RecordParam } from "@/lib/schemas/deploy";

export interface ParamChange {
  key: string;
  kind: "changed" | "added" | "removed";
  before: string | null;
  after: string | null;
  /** Secret on either side: values are never shown, and an unchanged-looking secret is not reported. */
  secret: boolean;
}

/** What the submitted rows change against the parameters an earlier record ran with. */
export function diffParams(rows: ParamRow[], previous: RecordParam[]): ParamChange[] {
  const before = new Map(previous.map((p) => [p.name, p]));
  const changes: ParamChange[] = [];
  for (const row of rows) {
    const old = before.get(row.key);
    const secret = row.type === "encrypt" || Boolean(old?.secret);
    if (!old) changes.push({ key: row.key, kind: "added", before: null, after: secret ? null : row.value, secret });
    else if (!secret && old.value !== row.value)
      changes.push({ key: row.key, kind: "changed", before: old.value, after: row.value, secret });
    before.delete(row.key);
  }
  for (const old of before.values()) {
    changes.push({ key: old.name, kind: "removed", before: old.secret ? null : old.value, after: null, secret: old.secret });
  }
  return changes;
}
