/**
 * The console API as a fuzz target (used by e2e/fuzz.spec.ts): each route's path, query and body slots, fast-check
 * arbitraries that make bad input for them, and the oracle that says what the route must answer. The oracle runs
 * the same shared zod schemas as the route wrapper (lib/server/route.ts), in the same order, so a generated case
 * is kept only when the wrapper must refuse it before the handler runs — a valid case would legitimately call
 * the cloud, and the spec proves that bad input never does.
 */
import fc from "fast-check";
import type { z } from "zod";
import { SEED } from "../lib/codearts/simulator/seed";
import {
  adminIdParamsSchema,
  newGrantBodySchema,
  newProtectedAppBodySchema,
  newTeamBodySchema,
  newUserBodySchema,
  protectedAppParamsSchema,
  teamChangesBodySchema,
  userChangesBodySchema,
} from "../lib/schemas/admin";
import { appsQuerySchema } from "../lib/schemas/apps";
import { logsQuerySchema, recordParamsSchema, recordsQuerySchema } from "../lib/schemas/records";
import { taskParamsSchema } from "../lib/schemas/tasks";
import { previewBodySchema, startDeployBodySchema } from "../lib/schemas/deploy";
import { auditExportQuerySchema, auditQuerySchema } from "../lib/schemas/ledger";
import { API_ERRORS, type ApiErrorCode } from "../lib/schemas/error-codes";

/** lib/server/route.ts MAX_BODY_BYTES (that module is server-only, so not importable here). */
const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** The start route's Idempotency-Key rule (app/api/tasks/[taskId]/start/route.ts). */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Slot = string | { name: string; kind: "cloud" | "uuid" };

export interface RouteDef {
  label: string;
  method: Method;
  /** Segments after /api/. */
  path: Slot[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Keys a near-valid body or query is built from. */
  keys?: string[];
  /** Ledgered routes (start, stop) write a `denied` row per 401: they are fuzzed as admin only. */
  ledgered?: boolean;
  /** Cases per run. */
  runs: number;
}

export interface FuzzCase {
  /** Wire form of each segment after /api/ (already percent-encoded). */
  segments: string[];
  method: Method;
  query: [string, string][];
  as: "admin" | "anonymous";
  /** JSON (or not) text; `type` null sends no Content-Type. */
  body?: { text: string; type: string | null; padTo?: number; chunked?: boolean };
  idempotencyKey?: string;
}

export interface Expected {
  status: number;
  code: ApiErrorCode;
}

/** `arb` once in `n` cases, else undefined (fc.option's `freq` is the other way round: nil once in `freq`). */
const rarely = <T>(arb: fc.Arbitrary<T>, n: number) => fc.oneof({ weight: n - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const cloud = (name: string) => ({ name, kind: "cloud" as const });
const uuid = (name: string) => ({ name, kind: "uuid" as const });

// prettier-ignore
export const ROUTES: RouteDef[] = [
  { label: "GET /api/tasks/[taskId]", method: "GET", path: ["tasks", cloud("taskId")], params: taskParamsSchema, runs: 300 },
  { label: "POST /api/tasks/[taskId]/start", method: "POST", path: ["tasks", cloud("taskId"), "start"], params: taskParamsSchema, body: startDeployBodySchema, ledgered: true, runs: 1600 },
  { label: "POST /api/tasks/[taskId]/preview", method: "POST", path: ["tasks", cloud("taskId"), "preview"], params: taskParamsSchema, body: previewBodySchema, keys: ["params", "record_id", "keep_secrets"], runs: 500 },
  { label: "GET /api/tasks/[taskId]/records", method: "GET", path: ["tasks", cloud("taskId"), "records"], params: taskParamsSchema, query: recordsQuerySchema, keys: ["from", "to", "page", "size"], runs: 700 },
  { label: "GET /api/tasks/[taskId]/records/[recordId]", method: "GET", path: ["tasks", cloud("taskId"), "records", cloud("recordId")], params: recordParamsSchema, runs: 300 },
  { label: "GET …/records/[recordId]/params", method: "GET", path: ["tasks", cloud("taskId"), "records", cloud("recordId"), "params"], params: recordParamsSchema, runs: 300 },
  { label: "GET …/records/[recordId]/logs", method: "GET", path: ["tasks", cloud("taskId"), "records", cloud("recordId"), "logs"], params: recordParamsSchema, query: logsQuerySchema, keys: ["offset"], runs: 550 },
  { label: "GET …/records/[recordId]/logs/download", method: "GET", path: ["tasks", cloud("taskId"), "records", cloud("recordId"), "logs", "download"], params: recordParamsSchema, runs: 250 },
  { label: "GET …/records/[recordId]/ledger", method: "GET", path: ["tasks", cloud("taskId"), "records", cloud("recordId"), "ledger"], params: recordParamsSchema, runs: 250 },
  { label: "POST …/records/[recordId]/stop", method: "POST", path: ["tasks", cloud("taskId"), "records", cloud("recordId"), "stop"], params: recordParamsSchema, ledgered: true, runs: 300 },
  { label: "GET /api/apps", method: "GET", path: ["apps"], query: appsQuerySchema, keys: ["q", "page", "size", "state"], runs: 650 },
  { label: "GET /api/audit", method: "GET", path: ["audit"], query: auditQuerySchema, keys: ["app", "task", "user", "action", "outcome", "from", "to", "page", "size"], runs: 650 },
  { label: "GET /api/audit/export.csv", method: "GET", path: ["audit", "export.csv"], query: auditExportQuerySchema, keys: ["app", "task", "user", "action", "outcome", "from", "to"], runs: 450 },
  { label: "POST /api/admin/users", method: "POST", path: ["admin", "users"], body: newUserBodySchema, keys: ["email", "name", "password", "role"], runs: 600 },
  { label: "PATCH /api/admin/users/[id]", method: "PATCH", path: ["admin", "users", uuid("id")], params: adminIdParamsSchema, body: userChangesBodySchema, keys: ["name", "role", "teamIds", "unlock", "password"], runs: 600 },
  { label: "DELETE /api/admin/users/[id]", method: "DELETE", path: ["admin", "users", uuid("id")], params: adminIdParamsSchema, runs: 200 },
  { label: "POST /api/admin/teams", method: "POST", path: ["admin", "teams"], body: newTeamBodySchema, keys: ["name", "oidcGroup"], runs: 450 },
  { label: "PATCH /api/admin/teams/[id]", method: "PATCH", path: ["admin", "teams", uuid("id")], params: adminIdParamsSchema, body: teamChangesBodySchema, keys: ["name", "oidcGroup"], runs: 450 },
  { label: "DELETE /api/admin/teams/[id]", method: "DELETE", path: ["admin", "teams", uuid("id")], params: adminIdParamsSchema, runs: 200 },
  { label: "POST /api/admin/grants", method: "POST", path: ["admin", "grants"], body: newGrantBodySchema, keys: ["teamId", "appId", "taskId", "appName", "role"], runs: 600 },
  { label: "DELETE /api/admin/grants/[id]", method: "DELETE", path: ["admin", "grants", uuid("id")], params: adminIdParamsSchema, runs: 200 },
  { label: "POST /api/admin/protected-apps", method: "POST", path: ["admin", "protected-apps"], body: newProtectedAppBodySchema, keys: ["appId", "taskId", "appName"], runs: 450 },
  { label: "DELETE /api/admin/protected-apps/[taskId]", method: "DELETE", path: ["admin", "protected-apps", cloud("taskId")], params: protectedAppParamsSchema, runs: 200 },
];
/** Paths that match no console route (the catch-all app/api/[...path] answers them). */
export const UNKNOWN_ROUTE = { label: "* /api/<no such route>", runs: 400 };

// ---- Building blocks --------------------------------------------------------------------------------------------

const { orders, draft, warehouse } = SEED.apps;
/** Well-formed ids: seeded tasks (the draft one is refused upstream; warehouse is protected) and unknown ones. */
const goodCloudId = fc.oneof(fc.constantFrom(orders.taskId, draft.taskId, warehouse.taskId), fc.stringMatching(/^[0-9a-z]{32}$/));
const goodUuid = fc.uuid();

/** Any Unicode text that a URL or JSON can carry (lone surrogates cannot be percent-encoded or sent as UTF-8). */
const text = (maxLength: number, minLength = 0) => fc.string({ unit: "binary", minLength, maxLength }).filter((s) => !/\p{Cs}/u.test(s));
const nasty = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "\u0000x",
  "null",
  "undefined",
  "NaN",
  "-1",
  "0",
  "1e3",
  "0x1f",
  "1.5",
  "+1",
  "[]",
  "{}",
  "true",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "../../v3/projects",
  "..\\..",
  "%2e%2e",
  "%00",
  "{{x}}",
  "{%x%}",
  "{#x#}",
  "${x}",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  '"; DROP TABLE ledger; --',
  "\u202e\u0645\u0631\u062d\u0628\u0627",
  "张伟",
  "🚀",
  "e\u0301",
  "\uFEFF",
  "\r\n",
  "\t",
  "a".repeat(300),
  "9".repeat(20),
);

/** A cloud id (32 of [0-9a-z]) gone wrong: the wrong length, case or alphabet, or anything at all. */
const badCloudId = fc.oneof(
  fc.stringMatching(/^[0-9a-z]{1,31}$/),
  fc.stringMatching(/^[0-9a-z]{33,48}$/),
  fc.stringMatching(/^[0-9a-zA-Z]{32}$/),
  fc.tuple(fc.stringMatching(/^[0-9a-z]{32}$/), fc.nat(31), text(3, 1)).map(([id, i, s]) => id.slice(0, i) + s + id.slice(i + 1)),
  fc.tuple(fc.stringMatching(/^[0-9a-z]{32}$/), fc.constantFrom(" ", "\n", "\u0000", "/", "%", "?", "#", ".")).map(([id, c]) => id + c),
  text(40, 1),
  nasty,
);
const badUuid = fc.oneof(
  goodUuid.map((u) => u.toUpperCase().replace(/-/g, "")),
  goodUuid.map((u) => `${u}0`),
  goodUuid.map((u) => u.slice(1)),
  goodUuid.map((u) => u.replace(/-/, "_")),
  fc.stringMatching(/^[0-9a-z]{32}$/),
  text(40, 1),
  nasty,
);

/** A bad path segment, percent-encoded; "." and ".." are left out: the URL would be normalised to another route. */
const wire = (arb: fc.Arbitrary<string>) => arb.filter((s) => s.length > 0 && s !== "." && s !== "..").map(encodeURIComponent);
/** Malformed percent-encodings and raw characters sent as they are (Next.js decodes the segment itself). */
const rawSegment = fc.constantFrom("%", "%zz", "%C0%AF", "%ED%A0%80", "%FF%FE", "%E4%B8", "%2", "a%2Fb", "%2e%2E%2f", "%25", "%u0041", "\u00e9");

function segmentArb(slot: Slot, weightBad: number): fc.Arbitrary<string> {
  if (typeof slot === "string") return fc.constant(slot);
  const good = slot.kind === "cloud" ? goodCloudId : goodUuid;
  const bad = slot.kind === "cloud" ? badCloudId : badUuid;
  return fc.oneof({ weight: 10 - weightBad, arbitrary: good }, { weight: weightBad * 3, arbitrary: wire(bad) }, { weight: weightBad, arbitrary: rawSegment });
}

/** A JSON value for a body field: scalars of every type, near-misses of the real vocabulary, arrays, objects. */
const scalar = fc.oneof(
  text(20),
  nasty,
  fc.constantFrom("admin", "deployer", "viewer", "owner", "ADMIN", "*", "0", "1", "2", "text", "enum", "encrypt", "host_group", "password"),
  fc.emailAddress(),
  fc.constantFrom("a@b", "@e2e.test", "x@e2e.test ", "fuzz@@e2e.test", "x".repeat(330) + "@e2e.test"),
  goodUuid,
  goodCloudId,
  badCloudId,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(text(8), scalar, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.array(goodUuid, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(8193), " ".repeat(600), "a".repeat(1025), "b".repeat(129)) },
);

/** An object as JSON text from entries (so `__proto__` stays a plain key and keys may repeat, as on the wire). */
const objectText = (entries: [string, unknown][]) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`).join(",")}}`;
const POLLUTION_KEYS = ["__proto__", "constructor", "prototype"];
const junkKey = fc.oneof(text(12), fc.constantFrom(...POLLUTION_KEYS, "project_id", "id", "", " ", "Params", "isAdmin"));
const pollution = fc.constantFrom({ isAdmin: true }, { polluted: "yes" }, { prototype: { polluted: 1 } }, null);

/** Near-valid start bodies: rows whose key, value or type goes wrong, duplicates, too many rows, bad extras. */
const paramRow = fc
  .record(
    {
      key: fc.oneof(fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/), fc.constantFrom("", "a b", "k".repeat(129), "ключ", "a/b"), text(10), scalar),
      value: fc.oneof(text(30), fc.constantFrom("{{ secret }}", "x{%", "{#", "v".repeat(8193)), scalar),
      type: fc.oneof(fc.constantFrom("text", "enum", "host_group", "encrypt"), scalar),
    },
    { requiredKeys: [] },
  )
  .chain((row) => fc.tuple(fc.constant(row), rarely(fc.tuple(junkKey, value), 4)))
  .map(([row, extra]) => (extra ? objectText([...Object.entries(row), extra]) : JSON.stringify(row)));
const rowsText = fc.oneof(
  fc.array(paramRow, { maxLength: 5 }).map((rows) => `[${rows.join(",")}]`),
  fc
    .tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.nat(3))
    .map(([k, n]) => JSON.stringify(Array.from({ length: n + 2 }, () => ({ key: k, value: "v", type: "text" })))),
  fc.nat(40).map((n) => JSON.stringify(Array.from({ length: 501 + n }, (_, i) => ({ key: `k${i}`, value: "v", type: "text" })))),
  value.map((v) => JSON.stringify(v) ?? "null"),
);
const startBodyText = fc
  .array(
    fc.oneof(
      rowsText.map((t) => `"params":${t}`),
      fc.oneof(goodCloudId, value).map((v) => `"record_id":${JSON.stringify(v) ?? "null"}`),
      fc.oneof(fc.constantFrom("0", "1", "2", 0, 1, ""), value).map((v) => `"trigger_source":${JSON.stringify(v) ?? "null"}`),
      fc.oneof(fc.constantFrom("", "   ", "r".repeat(501), "because"), value).map((v) => `"reason":${JSON.stringify(v) ?? "null"}`),
      fc.oneof(fc.constantFrom(warehouse.name, "c".repeat(129)), value).map((v) => `"confirm_name":${JSON.stringify(v) ?? "null"}`),
      fc.tuple(junkKey, value).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`),
      fc.tuple(fc.constantFrom(...POLLUTION_KEYS), pollution).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`),
    ),
    { maxLength: 4 },
  )
  .map((members) => `{${members.join(",")}}`);

/** Near-valid bodies for the admin routes: the route's own keys with wrong-ish values, plus junk and pollution. */
const entriesBody = (keys: string[]) =>
  fc
    .array(fc.oneof({ weight: 4, arbitrary: fc.tuple(fc.constantFrom(...keys), value) }, { weight: 1, arbitrary: fc.tuple(junkKey, value) }), {
      maxLength: keys.length + 1,
    })
    .chain((entries) => fc.tuple(fc.constant(entries), rarely(fc.tuple(fc.constantFrom(...POLLUTION_KEYS), pollution), 6)))
    .map(([entries, p]) => objectText(p ? [p as [string, unknown], ...entries] : entries));

/** Text that is not a JSON object: other JSON values, broken JSON, binary noise. */
const otherBodyText = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    "",
    " ",
    "{",
    "}",
    "{params:",
    '{"params":[}',
    "[",
    "nul",
    "NaN",
    "{'a':1}",
    '{"a":01}',
    '{"a":1}}',
    "\u0000",
    "\uFEFF{}",
    "[]",
    "null",
    "0",
    '"x"',
    "{}garbage",
  ),
  text(60),
  fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString("latin1")),
);

const CONTENT_TYPES = [
  "text/plain",
  "text/plain;charset=UTF-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=fuzz",
  "application/xml",
  "application/jsonp",
  "json",
  "application/octet-stream",
  "",
];
const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom("application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "application/json-patch+json") },
  { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
  { weight: 1, arbitrary: fc.constant(null) },
);

const bodyArb = (route: RouteDef) =>
  fc.record({
    text: fc.oneof(
      { weight: 6, arbitrary: route.body === startDeployBodySchema || route.body === previewBodySchema ? startBodyText : entriesBody(route.keys ?? []) },
      { weight: 2, arbitrary: otherBodyText },
    ),
    type: contentType,
    // Rarely: past the 5 MiB limit, with a Content-Length or streamed without one (the wrapper counts the bytes).
    padTo: rarely(fc.constantFrom(MAX_BODY_BYTES + 1, MAX_BODY_BYTES + 4096), 150),
    chunked: fc.boolean(),
  });

/** Query values: near-misses of numbers, dates, enums and ids, and anything. */
const queryValue = fc.oneof(
  fc.constantFrom(
    "0",
    "-1",
    "1",
    "20",
    "100",
    "101",
    "200",
    "201",
    "99999",
    "100000",
    "1.0",
    "1e2",
    " 1",
    "1 ",
    "+1",
    "０",
    "",
    "9".repeat(16),
    "0".repeat(15) + "1",
  ),
  fc.nat(1_000_000).map(String),
  fc.date({ min: new Date("1970-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom(
    "2026-02-30",
    "2026-13-01",
    "2026-00-10",
    "2026-1-1",
    "2026-11-29T25:00Z",
    "2026-11-29T10:00",
    "2026-11-29T10:00:00+24:00",
    "9999-99-99",
    "2026-11-29T10:00:00.1234567890Z",
  ),
  fc.constantFrom("abort", "failed", "running", "succeeded", "start", "rollback", "stop", "denied", "requested", "in_doubt", "Running", "STOP"),
  goodCloudId,
  badCloudId,
  text(20),
  fc.constant("q".repeat(129)),
);
const queryArb = (route: RouteDef) =>
  fc.array(
    fc.oneof(
      { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...(route.keys ?? ["x"])), queryValue) },
      { weight: 1, arbitrary: fc.tuple(junkKey, queryValue) },
    ),
    { minLength: 1, maxLength: 4 },
  );

const someoneOrNobody = fc.oneof(
  { weight: 9, arbitrary: fc.constant<FuzzCase["as"]>("admin") },
  { weight: 1, arbitrary: fc.constant<FuzzCase["as"]>("anonymous") },
);
/** Header values must be visible ASCII; a good key (with a bad body) or a bad one. */
const idempotencyKey = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9._:-]{8,20}$/),
  fc.string({ unit: "binary-ascii", maxLength: 140 }).filter((s) => /^[\x21-\x7e]*$/.test(s)),
);

// ---- Cases and the oracle ---------------------------------------------------------------------------------------

export function caseArb(route: RouteDef): fc.Arbitrary<FuzzCase> {
  // Where a route has a query or body, most cases keep the path well-formed so that validation is reached.
  const weightBad = route.query || route.body ? 1 : 8;
  return (
    fc
      .record({
        segments: fc.tuple(...route.path.map((s) => segmentArb(s, weightBad))),
        query: route.query ? queryArb(route) : fc.array(fc.tuple(junkKey, queryValue), { maxLength: 2 }),
        // A tenth as nobody (401 whatever the input), except on start and stop (a 401 there writes a ledger row).
        as: route.ledgered ? fc.constant<FuzzCase["as"]>("admin") : someoneOrNobody,
        body: route.body ? bodyArb(route) : fc.constant(undefined),
        idempotencyKey: route.body === startDeployBodySchema ? fc.option(idempotencyKey, { nil: undefined }) : fc.constant(undefined),
      })
      .map((c): FuzzCase => ({ ...c, method: route.method, segments: [...c.segments] }))
      // Only bad input: judged as the admin would send it.
      .filter((c) => expectedFor(route, { ...c, as: "admin" }) !== null)
  );
}

/** Paths that no route matches: unknown first segments, a known route with more segments, wrong case. */
export function unknownRouteArb(): fc.Arbitrary<FuzzCase> {
  const known = new Set(["tasks", "apps", "audit", "admin", "me", "health", "auth"]);
  const extra = wire(text(16, 1)).filter(
    (s) => !["records", "start", "params", "logs", "ledger", "stop", "export.csv", "users", "teams", "grants", "protected-apps"].includes(s),
  );
  const prefix = fc.oneof(
    wire(text(16, 1))
      .filter((s) => !known.has(s))
      .map((s) => [s]),
    fc.constantFrom(["tasks", "x"], ["admin"], ["audit", "x"], ["apps", "1"], ["me", "x"], ["health", "deep"], ["v2", "tasks"], ["v3", "projects"]),
    goodCloudId.map((id) => ["tasks", id, "records", id, "params"]),
    goodCloudId.map((id) => ["tasks", id, "start"]),
    goodUuid.map((id) => ["admin", "users", id]),
    fc
      .mixedCase(fc.constantFrom("tasks", "apps", "audit", "admin", "health"))
      .filter((s) => !known.has(s))
      .map((s) => [s, "x"]),
  );
  return fc.record({
    // At least one segment past a real route's path (a route's own path with another method is a 405: api-input.spec.ts).
    segments: fc.tuple(prefix, fc.array(extra, { minLength: 1, maxLength: 2 })).map(([p, e]) => [...p, ...e]),
    method: fc.constantFrom<Method>("GET", "POST", "PUT", "PATCH", "DELETE"),
    query: fc.array(fc.tuple(junkKey, queryValue), { maxLength: 2 }),
    as: fc.constantFrom<FuzzCase["as"]>("admin", "anonymous"),
  });
}

const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
};

const err = (code: ApiErrorCode): Expected => ({ status: API_ERRORS[code], code });

/** What the route wrapper must answer (null: the input is valid and the handler would run). */
export function expectedFor(route: RouteDef, c: FuzzCase): Expected | null {
  // proxy.ts answers a path that is not valid percent-encoding before any route (Next.js could not decode it).
  if (decode(c.segments.join("/")) === null) return err("invalid_id");
  if (c.as === "anonymous") return err("unauthenticated");
  if (route.params) {
    const raw = Object.fromEntries(route.path.flatMap((slot, i) => (typeof slot === "string" ? [] : [[slot.name, decode(c.segments[i] ?? "")]])));
    if (!route.params.safeParse(raw).success) return err("invalid_id");
  }
  if (route.query && !route.query.safeParse(serverQuery(c)).success) return err("validation_failed");
  if (route.body && c.body) {
    if (!/^application\/json\b/i.test(c.body.type ?? "")) return err("unsupported_media_type");
    if (Buffer.byteLength(c.body.text) > MAX_BODY_BYTES || (c.body.padTo ?? 0) > MAX_BODY_BYTES) return err("payload_too_large");
    let json: unknown;
    try {
      json = JSON.parse(c.body.text);
    } catch {
      return err("invalid_json");
    }
    if (!route.body.safeParse(json).success) return err("validation_failed");
  }
  if (c.idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(c.idempotencyKey)) return err("validation_failed");
  return null;
}

/**
 * The query as the route wrapper sees it (Object.fromEntries of the search params). A `__proto__` parameter never
 * arrives: Next.js rebuilds the query through a plain object (searchParamsToUrlQuery: `query[key] = value`), where
 * that assignment is a no-op, so `/api/apps?__proto__=x` is answered like `/api/apps` and it is left out here too.
 */
const serverQuery = (c: FuzzCase) => Object.fromEntries([...new URLSearchParams(queryString(c))].filter(([k]) => k !== "__proto__"));

const queryString = (c: FuzzCase) => new URLSearchParams(c.query).toString();
export const urlPath = (c: FuzzCase) => `/api/${c.segments.join("/")}${c.query.length > 0 ? `?${queryString(c)}` : ""}`;
