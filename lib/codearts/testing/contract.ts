/**
 * Test helper: the documented fields of each answer (shared/reference/codearts-deploy-api.md) as data, and two
 * checks — an answer carries every documented field with its documented type, and a zod wire schema declares
 * every documented field. Notation: a kind name ("id32", "localTime"…), "kind|null" where the reference says
 * null means something, [spec] for a non-empty array, { "*": spec } for a non-empty map, nested objects as is.
 */
import type { z } from "zod";
import { EXECUTION_STATES, PARAM_TYPES } from "../schemas";

const KINDS = {
  string: (v: unknown) => typeof v === "string",
  id32: (v: unknown) => typeof v === "string" && /^[0-9a-z]{32}$/.test(v),
  boolean: (v: unknown) => typeof v === "boolean",
  int: (v: unknown) => Number.isInteger(v),
  /** A number the API sends as a digit string (log offsets). */
  digits: (v: unknown) => typeof v === "string" && /^\d{1,19}$/.test(v),
  localTime: (v: unknown) => typeof v === "string" && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v),
  /** The app-detail variant with a trailing ".0". */
  localTimeDotZero: (v: unknown) => typeof v === "string" && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.0$/.test(v),
  duration: (v: unknown) => typeof v === "string" && /^\d{2,}:\d{2}:\d{2}$/.test(v),
  isoMicros: (v: unknown) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(v),
  /** Typed String, sent as a number in the doc's examples (trigger_source, a text param's value). */
  stringOrNumber: (v: unknown) => typeof v === "string" || typeof v === "number",
  runState: (v: unknown) => (EXECUTION_STATES as readonly unknown[]).includes(v),
  taskState: (v: unknown) => v === "Available" || v === "Draft",
  paramType: (v: unknown) => (PARAM_TYPES as readonly unknown[]).includes(v),
  wrapStatus: (v: unknown) => v === "success" || v === "error",
  stepPhase: (v: unknown) => v === "running" || v === "finish",
  componentState: (v: unknown) => v === "0" || v === "1",
  object: (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v),
} as const;
export type Kind = keyof typeof KINDS;

export type FieldSpec = Kind | `${Kind}|null` | readonly [FieldSpec] | { readonly [field: string]: FieldSpec };

const isMap = (spec: object): spec is { "*": FieldSpec } => Object.keys(spec).length === 1 && "*" in spec;
const typeOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/** Problems of `value` against `spec`, one line each ("result.0.release_id: missing"). */
export function fieldProblems(value: unknown, spec: FieldSpec, path = "(root)"): string[] {
  if (typeof spec === "string") {
    const [kind, nullable] = spec.split("|") as [Kind, string | undefined];
    if (value === undefined) return [`${path}: missing`];
    if (value === null) return nullable ? [] : [`${path}: null, documented as ${kind}`];
    return KINDS[kind](value) ? [] : [`${path}: ${JSON.stringify(value)?.slice(0, 60)} is not ${kind}`];
  }
  if (Array.isArray(spec)) {
    if (!Array.isArray(value) || value.length === 0) return [`${path}: expected a non-empty array, got ${typeOf(value)}`];
    return value.flatMap((item, i) => fieldProblems(item, spec[0], `${path}.${i}`));
  }
  if (!KINDS.object(value)) return [`${path}: expected an object, got ${typeOf(value)}`];
  const obj = value as Record<string, unknown>;
  if (isMap(spec)) {
    const entries = Object.entries(obj);
    if (entries.length === 0) return [`${path}: expected a non-empty map`];
    return entries.flatMap(([k, v]) => fieldProblems(v, spec["*"], `${path}.${k}`));
  }
  return Object.entries(spec).flatMap(([k, s]) => fieldProblems(obj[k], s, path === "(root)" ? k : `${path}.${k}`));
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
}
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Strip optional/nullable/default/pipe wrappers down to the schema that gives the shape. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let def = defOf(s); ; def = defOf(s)) {
    const next = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
    if (!next) return s;
    s = next;
  }
}

/** Documented fields that the zod schema does not declare (so the client would only pass them through blind). */
export function undeclaredFields(schema: z.ZodType, spec: FieldSpec, path = "(root)"): string[] {
  if (typeof spec === "string") return [];
  const def = defOf(unwrap(schema));
  if (Array.isArray(spec)) {
    return def.type === "array" && def.element ? undeclaredFields(def.element, spec[0], `${path}.[]`) : [`${path}: not an array schema`];
  }
  if (isMap(spec)) {
    return def.type === "record" && def.valueType ? undeclaredFields(def.valueType, spec["*"], `${path}.*`) : [`${path}: not a record schema`];
  }
  if (def.type !== "object" || !def.shape) return [`${path}: not an object schema`];
  const shape = def.shape;
  return Object.entries(spec).flatMap(([k, s]) => {
    const where = path === "(root)" ? k : `${path}.${k}`;
    const field = shape[k];
    return field ? undeclaredFields(field, s, where) : [`${where}: not declared`];
  });
}
