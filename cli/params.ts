/**
 * From arguments to a start body: the task's current rows (or, for a rollback, the target record's), `-p KEY=VALUE`
 * merged onto them, `--secret KEY` values typed for `encrypt` rows, every other secret left to the value CodeArts
 * stores (`keep_secrets`) — the start form's own model (lib/deploy/prefill.ts), checked with the route's schema
 * before anything is sent.
 */
import type { z } from "zod";
import { formToBody, prefillRows, type PrefilledRow } from "../lib/deploy/prefill";
import { ROW_ERROR } from "../lib/schemas/param-rules";
import type { RecordParam } from "../lib/schemas/records";
import type { ParamDefinition } from "../lib/schemas/tasks";
import { usageError } from "./exit-codes";

export type Assignment = [key: string, value: string];

/** `-p KEY=VALUE`: split at the first `=` (the value may hold more). */
export function parseAssignment(raw: string): Assignment {
  const at = raw.indexOf("=");
  if (at <= 0) throw usageError("invalid_parameter", `-p takes KEY=VALUE (got "${raw}").`);
  return [raw.slice(0, at), raw.slice(at + 1)];
}

/** The rows a start begins from: the task's definitions (last run's values), or the rollback target's parameters. */
export function baseRows(definitions: readonly ParamDefinition[], record: readonly RecordParam[] | null): PrefilledRow[] {
  return prefillRows({ definitions, mine: null, record, link: [] }).rows;
}

const known = (rows: readonly PrefilledRow[]) => (rows.length > 0 ? `its parameters are ${rows.map((r) => r.key).join(", ")}` : "it has no parameters");

/** Every -p and --secret names a row of the right kind, once. Checked before any secret is asked for or anything is sent. */
export function checkParamArgs(rows: readonly PrefilledRow[], assignments: readonly Assignment[], secretKeys: readonly string[]): void {
  const seen = new Set<string>();
  const rowOf = (key: string, flag: string) => {
    if (seen.has(key)) throw usageError("duplicate_parameter", `${key} is given more than once (${flag}).`);
    seen.add(key);
    const row = rows.find((r) => r.key === key);
    if (!row) throw usageError("unknown_parameter", `The task has no parameter ${key} (${known(rows)}).`);
    return row;
  };
  for (const [key] of assignments) {
    if (rowOf(key, "-p").type === "encrypt") {
      throw usageError(
        "secret_parameter",
        `${key} is a secret (encrypt) parameter: pass it with --secret ${key}, so that its value never shows in a process list.`,
      );
    }
  }
  for (const key of secretKeys) {
    const row = rowOf(key, "--secret");
    if (row.type !== "encrypt") throw usageError("not_a_secret", `${key} is a ${row.type} parameter, not a secret: pass it with -p ${key}=VALUE.`);
  }
}

/** The start body's rows: -p values replace the base values, typed secrets are sent, the other secrets are kept. */
export function mergeParams(
  rows: readonly PrefilledRow[],
  assignments: readonly Assignment[],
  secrets: ReadonlyMap<string, string>,
): { params: { key: string; type: PrefilledRow["type"]; value: string }[]; keep_secrets?: string[] } {
  checkParamArgs(rows, assignments, [...secrets.keys()]);
  const values = new Map(assignments);
  const merged = rows.map((row) => {
    const secret = secrets.get(row.key);
    if (secret !== undefined) return { ...row, value: secret, keep: false };
    const value = values.get(row.key);
    return value !== undefined ? { ...row, value } : row;
  });
  const { params, keep_secrets } = formToBody({ params: merged });
  return keep_secrets ? { params, keep_secrets } : { params };
}

const ROW_WORDS: Record<string, string> = {
  [ROW_ERROR.keyFormat]: "keys are 1–128 letters, digits, '.', '_' or '-'",
  [ROW_ERROR.keyDuplicate]: "given twice",
  [ROW_ERROR.valueTooLong]: "values are at most 8192 characters",
  [ROW_ERROR.valueTemplate]: "values must not contain {{, {% or {#",
  [ROW_ERROR.valueCharacters]: "the value holds U+0000 or an unpaired surrogate",
  [ROW_ERROR.tooManyRows]: "at most 500 parameters",
  reason_required: "a rollback (and a freeze override) needs --reason",
  reason_too_long: "--reason is at most 500 characters",
};

/**
 * Validates a body with the route's own schema: what the console would refuse 400 is refused here, before the call,
 * naming the parameter by its key (exit 2).
 */
export function checkBody<S extends z.ZodType>(schema: S, body: z.input<S>, what: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const params = (body as { params?: { key: string }[] }).params ?? [];
  const issues = parsed.error.issues.map((issue) => {
    const [head, index, field] = issue.path;
    const path =
      head === "params" && typeof index === "number"
        ? [`parameter ${params[index]?.key ?? index}${field === "value" ? " (value)" : ""}`]
        : issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    return { path, message: ROW_WORDS[issue.message] ?? issue.message };
  });
  const err = usageError("invalid_arguments", `The ${what} would be refused by the console:`);
  err.detail.issues = issues;
  throw err;
}
