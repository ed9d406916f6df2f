/** The building blocks of bad input: ids good and bad, nasty text, path segments, JSON values, junk keys. */
import fc from "fast-check";
import { SEED } from "../../lib/codearts/simulator/seed";
import type { Slot } from "./routes";

/** `arb` once in `n` cases, else undefined (fc.option's `freq` is the other way round: nil once in `freq`). */
export const rarely = <T>(arb: fc.Arbitrary<T>, n: number) => fc.oneof({ weight: n - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

// ---- Building blocks --------------------------------------------------------------------------------------------

const { orders, draft } = SEED.apps;
export const { warehouse } = SEED.apps;
/** Well-formed ids: seeded tasks (the draft one is refused upstream; warehouse is protected) and unknown ones. */
export const goodCloudId = fc.oneof(fc.constantFrom(orders.taskId, draft.taskId, warehouse.taskId), fc.stringMatching(/^[0-9a-z]{32}$/));
export const goodUuid = fc.uuid();

/** Any Unicode text that a URL or JSON can carry (lone surrogates cannot be percent-encoded or sent as UTF-8). */
export const text = (maxLength: number, minLength = 0) => fc.string({ unit: "binary", minLength, maxLength }).filter((s) => !/\p{Cs}/u.test(s));
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
export const badCloudId = fc.oneof(
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
export const wire = (arb: fc.Arbitrary<string>) => arb.filter((s) => s.length > 0 && s !== "." && s !== "..").map(encodeURIComponent);
/** Malformed percent-encodings and raw characters sent as they are (Next.js decodes the segment itself). */
const rawSegment = fc.constantFrom("%", "%zz", "%C0%AF", "%ED%A0%80", "%FF%FE", "%E4%B8", "%2", "a%2Fb", "%2e%2E%2f", "%25", "%u0041", "\u00e9");

export function segmentArb(slot: Slot, weightBad: number): fc.Arbitrary<string> {
  if (typeof slot === "string") return fc.constant(slot);
  const good = slot.kind === "cloud" ? goodCloudId : goodUuid;
  const bad = slot.kind === "cloud" ? badCloudId : badUuid;
  return fc.oneof({ weight: 10 - weightBad, arbitrary: good }, { weight: weightBad * 3, arbitrary: wire(bad) }, { weight: weightBad, arbitrary: rawSegment });
}

/**
 * Text no store can keep, alone or inside ordinary text: U+0000 (PostgreSQL text refuses it) and unpaired
 * surrogates. JSON carries both (as \u escapes), so every string field of a body and every query value gets them.
 */
export const unstorable = fc.oneof(
  fc.constantFrom("\u0000", "because\u0000", "\ud800", "x\udfffy", "\udc00\ud800"),
  fc.tuple(text(8), fc.constantFrom("\u0000", "\ud800", "\udfff"), text(8)).map(([a, bad, b]) => a + bad + b),
);

/** A JSON value for a body field: scalars of every type, near-misses of the real vocabulary, arrays, objects. */
export const scalar = fc.oneof(
  text(20),
  nasty,
  unstorable,
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
export const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(text(8), scalar, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.array(goodUuid, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(8193), " ".repeat(600), "a".repeat(1025), "b".repeat(129)) },
);

/** An object as JSON text from entries (so `__proto__` stays a plain key and keys may repeat, as on the wire). */
export const objectText = (entries: [string, unknown][]) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`).join(",")}}`;
export const POLLUTION_KEYS = ["__proto__", "constructor", "prototype"];
export const junkKey = fc.oneof(text(12), fc.constantFrom(...POLLUTION_KEYS, "project_id", "id", "", " ", "Params", "isAdmin"));
export const pollution = fc.constantFrom({ isAdmin: true }, { polluted: "yes" }, { prototype: { polluted: 1 } }, null);
