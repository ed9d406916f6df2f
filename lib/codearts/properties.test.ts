/**
 * Properties of the client's pure parts (fast-check): the wire schemas accept any extra fields at any level (the
 * cloud adds fields over time), the reshapers never throw on schema-valid input, and the official Huawei signer
 * (as our client uses it) and our own verifier agree on random paths, queries and bodies.
 */
import fc from "fast-check";
import { aomComponentsOf } from "../schemas/record-views";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { prepareRequest } from "./http";
import { taskStateOf, toAppSummary, toParamDefinitions, toRecordParam, toRecordStep, toRecordSummary, toStartResult } from "./reshape";
import * as wire from "./schemas";
import { DEMO_AK, DEMO_SK } from "./demo";
import { verifyRequest } from "./simulator/signature";
import type { FieldSpec, Kind } from "./testing/contract";
import { ANSWERS, APP_COMPONENT, APP_EXECUTION_INFO, EXECUTE_RECORD, STEP_INFO, TASK_V2_INFO } from "./testing/wire-fields";
import { upstreamTimeToIso } from "./time";

const RUNS = { numRuns: 150 };
const text = fc.string({ maxLength: 24 });
const loose = (known: readonly string[]) => (arb: fc.Arbitrary<string>) => arb.filter((v) => !known.includes(v));

/** A value the schemas accept for a kind; scalar kinds the schemas keep as plain strings get any string. */
function scalar(kind: Kind): fc.Arbitrary<unknown> {
  switch (kind) {
    case "id32":
      return fc.stringMatching(/^[0-9a-z]{32}$/);
    case "boolean":
      return fc.boolean();
    case "int":
      return fc.oneof(fc.integer(), fc.integer().map(String));
    case "digits":
      return fc.bigInt({ min: 0n, max: 10n ** 18n }).map(String);
    case "isoMicros":
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace("Z", "000Z"));
    case "stringOrNumber":
    case "componentState":
      return fc.oneof(text, fc.integer());
    case "wrapStatus":
      return fc.constant("success");
    case "object":
      return fc.dictionary(text, fc.jsonValue(), { maxKeys: 3 });
    default:
      return text; // string, times, durations, states: z.string() upstream, garbage included
  }
}

/**
 * Values for a field spec. `gaps`: fields may be null or absent (the schemas' required fields then fail, callers
 * filter); `extras`: every object also carries unknown fields with any JSON value.
 */
function arbitraryFor(spec: FieldSpec, extras: boolean, gaps = true): fc.Arbitrary<unknown> {
  if (typeof spec === "string") {
    const value = scalar(spec.split("|")[0] as Kind);
    if (!gaps) return value;
    return fc.oneof({ arbitrary: value, weight: 18 }, { arbitrary: fc.constant(null), weight: 1 }, { arbitrary: fc.constant(undefined), weight: 1 });
  }
  if (Array.isArray(spec)) return fc.array(arbitraryFor(spec[0] as FieldSpec, extras, gaps), { maxLength: 3 });
  const obj = spec as Record<string, FieldSpec>;
  if (Object.keys(obj).length === 1 && "*" in obj) {
    const inner = obj["*"];
    return fc.dictionary(loose(["__proto__"])(text), typeof inner === "string" ? scalar(inner.split("|")[0] as Kind) : arbitraryFor(inner, extras, gaps), {
      maxKeys: 3,
    });
  }
  const fields = fc.record(Object.fromEntries(Object.entries(obj).map(([k, s]) => [k, arbitraryFor(s, extras, gaps)])));
  if (!extras) return fields;
  const extra = fc.dictionary(loose([...Object.keys(obj), "__proto__"])(text), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
  return fc.tuple(fields, extra).map(([f, e]) => ({ ...e, ...f }));
}

const ANSWER_SCHEMAS: Record<keyof typeof ANSWERS, z.ZodType> = {
  ListAllApp: wire.listAllAppResponseSchema,
  ShowAppDetailById: wire.showAppDetailResponseSchema,
  ListDeployTasks: wire.listDeployTasksResponseSchema,
  ShowDeployTaskDetail: wire.showDeployTaskDetailResponseSchema,
  StartDeployTask: wire.startDeployTaskResponseSchema,
  ListDeployTaskHistoryByDate: wire.listHistoryResponseSchema,
  ShowExecutionParams: wire.showExecutionParamsResponseSchema,
  ShowDeployStatus: wire.showDeployStatusResponseSchema,
  ShowAppLog: wire.showAppLogResponseSchema,
  StopDeployTask: wire.stopDeployTaskResponseSchema,
  ShowTaskTrigger: wire.showTaskTriggerResponseSchema,
  KeystoneCreateUserTokenByPassword: wire.iamTokenResponseSchema,
  KeystoneListProjects: wire.iamProjectsResponseSchema,
};

describe("wire schemas tolerate fields the cloud may add", () => {
  it.each(Object.keys(ANSWERS) as Array<keyof typeof ANSWERS>)("%s: unknown fields at any level never break parsing", (op) => {
    const schema = ANSWER_SCHEMAS[op];
    const plain = arbitraryFor(ANSWERS[op], false);
    fc.assert(
      fc.property(plain, fc.dictionary(loose(["__proto__"])(text), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), (value, extra) => {
        fc.pre(schema.safeParse(value).success);
        if (typeof value !== "object" || value === null || Array.isArray(value)) return;
        const known = new Set(Object.keys(value));
        const withExtra = { ...Object.fromEntries(Object.entries(extra).filter(([k]) => !known.has(k))), ...value };
        const parsed = schema.safeParse(withExtra);
        expect(parsed.success).toBe(true);
        for (const k of Object.keys(withExtra)) if (!known.has(k)) expect(parsed.data).toHaveProperty([k]);
      }),
      RUNS,
    );
    // Every documented field present and valid, unknown fields added at every level: always accepted.
    fc.assert(
      fc.property(arbitraryFor(ANSWERS[op], true, false), (value) => {
        expect(schema.safeParse(value).error?.issues ?? []).toEqual([]);
      }),
      RUNS,
    );
  });
});

const parsedFrom = <S extends z.ZodType>(schema: S, spec: FieldSpec) =>
  arbitraryFor(spec, true)
    .map((v) => schema.safeParse(v))
    .filter((r) => r.success)
    .map((r) => r.data);

describe("reshapers never throw on schema-valid input", () => {
  const tz = fc.integer({ min: -720, max: 840 });
  it("toAppSummary, toRecordSummary, toRecordStep, aomComponentsOf, toStartResult", () => {
    fc.assert(
      fc.property(parsedFrom(wire.appExecutionInfoSchema, APP_EXECUTION_INFO), tz, (a, offset) => void toAppSummary(a, offset)),
      RUNS,
    );
    fc.assert(
      fc.property(parsedFrom(wire.executeRecordSchema, EXECUTE_RECORD), tz, (r, offset) => void toRecordSummary(r, offset)),
      RUNS,
    );
    fc.assert(
      fc.property(parsedFrom(wire.stepInfoSchema, STEP_INFO), fc.nat(50), (s, i) => void toRecordStep(s, i)),
      RUNS,
    );
    fc.assert(
      fc.property(fc.array(parsedFrom(wire.appComponentSchema, APP_COMPONENT), { maxLength: 4 }), (list) => void aomComponentsOf(list)),
      RUNS,
    );
    fc.assert(
      fc.property(parsedFrom(wire.startDeployTaskResponseSchema, ANSWERS.StartDeployTask), (s) => void toStartResult(s)),
      RUNS,
    );
  });

  it("toParamDefinitions and toRecordParam never keep a secret value", () => {
    const steps = parsedFrom(wire.stepsMapSchema, TASK_V2_INFO.steps as FieldSpec);
    const params = fc.array(parsedFrom(wire.showExecutionParamsResponseSchema, ANSWERS.ShowExecutionParams), { maxLength: 4 });
    fc.assert(
      fc.property(steps, params, (s, recordParams) => {
        for (const d of toParamDefinitions(s, recordParams)) {
          expect(wire.PARAM_TYPES).toContain(d.type);
          if (d.type === "encrypt") expect([d.value, d.options]).toEqual([null, []]);
        }
        for (const p of recordParams.flat()) if (p.type === "encrypt") expect(toRecordParam(p).value).toBeNull();
      }),
      RUNS,
    );
  });

  it("taskStateOf and upstreamTimeToIso take any string", () => {
    fc.assert(fc.property(fc.option(fc.string()), fc.option(fc.string()), (s, e) => void taskStateOf(s, e)));
    fc.assert(fc.property(fc.string(), tz, (v, offset) => void upstreamTimeToIso(v, offset)));
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }), tz, (d, offset) => {
        const local = new Date(d.getTime() + offset * 60_000).toISOString().slice(0, 19).replace("T", " ");
        expect(upstreamTimeToIso(`${local}.0`, offset)).toBe(new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString());
      }),
    );
  });
});

describe("the official signer and our verifier agree", () => {
  // Path segments are ids and names. Not generated: "." and ".." (fetch resolves them, the SDK signs them as
  // written) and characters that need percent-encoding (the SDK encodes the already-encoded path a second time).
  const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,16}$/).filter((s) => s !== "." && s !== "..");
  const query = fc.dictionary(fc.stringMatching(/^[a-z_]{1,10}$/), fc.string({ unit: "grapheme", maxLength: 20 }), { maxKeys: 4 });
  const body = fc.option(
    fc.dictionary(
      fc.string({ unit: "grapheme", maxLength: 8 }).filter((k) => k !== "__proto__"),
      fc.jsonValue({ maxDepth: 2 }),
      { maxKeys: 4 },
    ),
    { nil: undefined },
  );

  const verify = (p: ReturnType<typeof prepareRequest>, method: string) => {
    const u = new URL(p.url);
    return verifyRequest({
      method,
      url: `${u.pathname}${u.search}`,
      headers: { ...p.headers, host: u.host },
      body: Buffer.from(p.body ?? ""),
      secretFor: (ak) => (ak === DEMO_AK ? DEMO_SK : undefined),
      nowMs: Date.now(),
    });
  };

  it("on random paths, queries and JSON bodies; a changed byte breaks it", () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), query, body, fc.constantFrom("GET", "POST", "PUT"), (segments, q, b, method) => {
        const spec = { method, base: "http://127.0.0.1:9100", path: `/${segments.join("/")}`, query: q, body: method === "GET" ? undefined : b } as const;
        const prepared = prepareRequest(spec, { kind: "aksk", ak: DEMO_AK, sk: DEMO_SK, projectId: "c53b2d1e0f9a4b8c7d6e5f4a3b2c1d0e" });
        const result = verify(prepared, method);
        expect(result.ok ? "ok" : result.reason).toBe("ok");
        const changed = { ...prepared, body: `${prepared.body ?? ""} ` };
        expect(verify(changed, method).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
