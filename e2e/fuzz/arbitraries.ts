/** fast-check arbitraries of bad input for each console route (the oracle keeps only the cases it must refuse). */
import fc from "fast-check";
import { MAX_BODY_BYTES } from "../../lib/schemas/common";
import { previewBodySchema, startDeployBodySchema } from "../../lib/schemas/deploy";
import { expectedFor } from "./oracle";
import type { FuzzCase, Method, RouteDef } from "./routes";
import {
  POLLUTION_KEYS,
  warehouse,
  badCloudId,
  goodCloudId,
  goodUuid,
  junkKey,
  objectText,
  pollution,
  rarely,
  scalar,
  segmentArb,
  text,
  unstorable,
  value,
  wire,
} from "./values";

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
      fc.oneof(fc.constantFrom("", "   ", "r".repeat(501), "because", "because\u0000"), value).map((v) => `"reason":${JSON.stringify(v) ?? "null"}`),
      fc.oneof(fc.constantFrom(warehouse.name, `${warehouse.name}\u0000`, "c".repeat(129)), value).map((v) => `"confirm_name":${JSON.stringify(v) ?? "null"}`),
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
  unstorable,
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
  const known = new Set(["tasks", "apps", "audit", "admin", "me", "health", "ready", "metrics", "tokens", "requests", "auth"]);
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
