/**
 * The start form's first values and where each came from (pure, zod-free: it runs in the task page's bundle).
 *
 * Precedence, lowest first: the task's definitions (the latest record's values: "last run"), this user's last
 * start of the task ("my last run"), a record chosen to redeploy or roll back to ("record"), then a deep link's
 * `p.KEY=VALUE` ("link"). Secrets are never prefilled: from the definitions and from a record (a redeploy, a
 * rollback target) alike they start as "keep the stored value" (untick it to type a new one); a link may not carry
 * them at all.
 */
import { ID_PATTERN, PARAM_KEY_PATTERN, PARAM_TYPES, type ParamType } from "../schemas/param-rules";
import type { MyLastRun, ParamDefinition } from "../schemas/tasks";
import type { RecordParam } from "../schemas/records";

export type Origin = "last_run" | "my_last_run" | "record" | "link" | "stored" | "typed" | "step";

export interface PrefilledRow {
  key: string;
  type: ParamType;
  value: string;
  keep: boolean;
}

export interface Prefill {
  rows: PrefilledRow[];
  /** Where each key's first value came from (the form shows "typed" once the value differs). */
  origins: Record<string, { origin: Origin; value: string }>;
  /** Link parameters refused because they name a secret. */
  refusedSecrets: string[];
  /** Link parameters whose key the cloud would refuse. */
  badKeys: string[];
}

export interface DeepLink {
  params: [string, string][];
  /** Rollback target (`record=`). */
  record: string | null;
  /** Record whose parameters to redeploy (`from=`). */
  from: string | null;
  /** Open the confirmation straight away (one-click redeploy); never starts anything by itself. */
  confirm: boolean;
  /** `record`/`from` values that are not record ids. */
  badIds: string[];
}

const PARAM_PREFIX = "p.";
const asType = (t: string): ParamType => ((PARAM_TYPES as readonly string[]).includes(t) ? (t as ParamType) : "text");

export function parseDeepLink(search: URLSearchParams): DeepLink {
  const link: DeepLink = { params: [], record: null, from: null, confirm: false, badIds: [] };
  for (const [name, value] of search) {
    if (name.startsWith(PARAM_PREFIX)) link.params.push([name.slice(PARAM_PREFIX.length), value]);
    else if (name === "record" || name === "from") {
      if (ID_PATTERN.test(value)) link[name] = value;
      else link.badIds.push(value);
    } else if (name === "confirm") link.confirm = value === "1";
  }
  return link;
}

export function prefillRows(input: {
  definitions: readonly ParamDefinition[];
  mine: MyLastRun | null;
  /** The parameters of the record chosen by `from=` or `record=`. */
  record: readonly RecordParam[] | null;
  link: readonly [string, string][];
}): Prefill {
  const rows: PrefilledRow[] = [];
  const origins: Prefill["origins"] = {};
  const index = new Map<string, number>();
  const put = (row: PrefilledRow, origin: Origin) => {
    const at = index.get(row.key);
    if (at === undefined) {
      index.set(row.key, rows.length);
      rows.push(row);
    } else rows[at] = row;
    origins[row.key] = { origin, value: row.value };
  };

  if (input.record) {
    for (const row of rowsOfRecord(input.record)) put(row, row.keep ? "stored" : "record");
  } else {
    for (const d of input.definitions) {
      if (d.type === "encrypt") put({ key: d.name, type: "encrypt", value: "", keep: true }, "stored");
      else put({ key: d.name, type: d.type, value: d.value ?? "", keep: false }, d.source === "last_run" ? "last_run" : "step");
    }
    for (const p of input.mine?.params ?? []) {
      const type = asType(p.type);
      if (type === "encrypt") continue;
      put({ key: p.key, type, value: p.value, keep: false }, "my_last_run");
    }
  }

  const refusedSecrets: string[] = [];
  const badKeys: string[] = [];
  const secretKeys = new Set([
    ...input.definitions.filter((d) => d.type === "encrypt").map((d) => d.name),
    ...(input.record ?? []).filter((p) => p.secret).map((p) => p.name),
  ]);
  for (const [key, value] of input.link) {
    if (!PARAM_KEY_PATTERN.test(key)) badKeys.push(key);
    else if (secretKeys.has(key) || rows[index.get(key) ?? -1]?.type === "encrypt") refusedSecrets.push(key);
    else {
      const type = rows[index.get(key) ?? -1]?.type ?? "text";
      put({ key, type, value, keep: false }, "link");
    }
  }
  return { rows, origins, refusedSecrets: [...new Set(refusedSecrets)], badKeys: [...new Set(badKeys)] };
}

/**
 * A record's parameters as form rows. Its secrets are not readable: a secret already typed for the same key (in
 * `typed`) stays, any other keeps the value CodeArts stores — as on a fresh task page.
 */
export function rowsOfRecord(record: readonly RecordParam[], typed: ReadonlyMap<string, string> = new Map()): PrefilledRow[] {
  return record.map((p) => {
    const type = p.secret ? "encrypt" : asType(p.type);
    if (type !== "encrypt") return { key: p.name, type, value: p.value ?? "", keep: false };
    const value = typed.get(p.name);
    return value ? { key: p.name, type, value, keep: false } : { key: p.name, type, value: "", keep: true };
  });
}

/** The badge of a row now: its first origin while the value is unchanged, "last run" when reset to it, else "typed". */
export function originOf(prefill: Pick<Prefill, "origins">, lastRun: ReadonlyMap<string, string>, key: string, value: string): Origin {
  const first = prefill.origins[key];
  if (first && first.value === value) return first.origin;
  if (lastRun.get(key) === value) return "last_run";
  return "typed";
}

/** `/tasks/{taskId}?p.KEY=VALUE&…&record=…` from the form: secrets are left out (a link never carries them). */
export function deepLinkOf(taskId: string, rows: readonly { key: string; type: string; value: string }[], record: string | null): string {
  const q = new URLSearchParams();
  for (const r of rows) if (r.type !== "encrypt" && r.key) q.append(PARAM_PREFIX + r.key, r.value);
  if (record) q.set("record", record);
  const s = q.toString();
  return `/tasks/${encodeURIComponent(taskId)}${s ? `?${s}` : ""}`;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
export const REDACTED = "<redacted>";

/** The console API call this form would make, as curl; secret values redacted, the session cookie left to fill. */
export function curlOf(origin: string, taskId: string, body: { params: { key: string; type: string; value: string }[] } & Record<string, unknown>): string {
  const shown = { ...body, params: body.params.map((p) => (p.type === "encrypt" ? { ...p, value: REDACTED } : p)) };
  return [
    `curl ${shellQuote(`${origin}/api/tasks/${taskId}/start`)}`,
    `  -X POST`,
    `  -H 'Content-Type: application/json'`,
    `  -H ${shellQuote(`Origin: ${origin}`)}`,
    `  -H 'Idempotency-Key: '"$(uuidgen)"`,
    `  -b 'next-auth.session-token=<your session cookie>'`,
    `  --data-raw ${shellQuote(JSON.stringify(shown))}`,
  ].join(" \\\n");
}

/** The start body of the form's values: kept secrets leave `params` for `keep_secrets` (startFormSchema's output). */
export function formToBody<T extends string, S extends string>(form: {
  params: readonly { key: string; type: T; value: string; keep?: boolean }[];
  record_id?: string;
  trigger_source?: S;
}): { params: { key: string; type: T; value: string }[]; keep_secrets?: string[]; record_id?: string; trigger_source?: S } {
  const kept = form.params.filter((p) => p.type === "encrypt" && p.keep).map((p) => p.key);
  return {
    params: form.params.filter((p) => !(p.type === "encrypt" && p.keep)).map(({ key, type, value }) => ({ key, type, value })),
    ...(kept.length > 0 ? { keep_secrets: kept } : {}),
    ...(form.record_id ? { record_id: form.record_id } : {}),
    ...(form.trigger_source ? { trigger_source: form.trigger_source } : {}),
  };
}
