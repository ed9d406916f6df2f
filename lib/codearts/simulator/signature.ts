/**
 * Our own SDK-HMAC-SHA256 verifier (reference §10.2), written independently of the Huawei SDK signer so that the
 * two implementations check each other. Pure functions; the server feeds them what it received on the wire.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

const SIGNING_ALGORITHM = "SDK-HMAC-SHA256";
const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const MAX_CLOCK_SKEW_MS = 15 * 60_000;

type HeaderBag = Record<string, string | string[] | undefined>;
type Bytes = string | Uint8Array;

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** Percent-encode every UTF-8 byte except A–Z a–z 0–9 - _ . ~ (upper-case hex; space is %20, never +). */
function uriEncode(text: string): string {
  let out = "";
  for (const ch of text) {
    if (UNRESERVED.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of Buffer.from(ch, "utf8")) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Decode a URI component, leaving it untouched when it is not valid percent-encoding. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Canonical URI of a received path: decode each segment, re-encode it by the rule, make it end with "/". */
export function canonicalUri(rawPath: string): string {
  const encoded = rawPath
    .split("/")
    .map((segment) => uriEncode(safeDecode(segment)))
    .join("/");
  const withRoot = encoded.startsWith("/") ? encoded : `/${encoded}`;
  return withRoot.endsWith("/") ? withRoot : `${withRoot}/`;
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/**
 * Canonical query string. Accepts the raw received query (without "?"; "+" means space as in form encoding) or
 * already decoded name/value pairs. Names sort in byte order, repeated names sort their values, a bare name is "k=".
 */
export function canonicalQuery(query: string | ReadonlyArray<readonly [string, string]>): string {
  const pairs: Array<[string, string]> =
    typeof query === "string"
      ? query
          .split("&")
          .filter((piece) => piece.length > 0)
          .map((piece) => {
            const eq = piece.indexOf("=");
            const name = eq < 0 ? piece : piece.slice(0, eq);
            const value = eq < 0 ? "" : piece.slice(eq + 1);
            return [safeDecode(name.replace(/\+/g, " ")), safeDecode(value.replace(/\+/g, " "))];
          })
      : query.map(([n, v]) => [n, v]);
  pairs.sort((a, b) => byteOrder(a[0], b[0]) || byteOrder(a[1], b[1]));
  return pairs.map(([n, v]) => `${uriEncode(n)}=${uriEncode(v)}`).join("&");
}

function headerValue(headers: HeaderBag, name: string): string {
  const found = Object.entries(headers).find(([k]) => k.toLowerCase() === name);
  const value = found?.[1];
  if (value === undefined) return "";
  return (Array.isArray(value) ? value.join(",") : value).trim();
}

/** One "name:value\n" line per signed header, in the order of the list, values trimmed. */
export function canonicalHeaders(signedHeaders: readonly string[], headers: HeaderBag): string {
  return signedHeaders.map((name) => `${name.toLowerCase()}:${headerValue(headers, name.toLowerCase())}\n`).join("");
}

/** Lower-case hex SHA-256 of the payload bytes. */
export function payloadHash(body: Bytes): string {
  return createHash("sha256").update(body).digest("hex");
}

export interface CanonicalRequestParts {
  method: string;
  canonicalUri: string;
  canonicalQuery: string;
  canonicalHeaders: string;
  signedHeaders: readonly string[];
  payloadHash: string;
}

export function canonicalRequest(p: CanonicalRequestParts): string {
  return [
    p.method.toUpperCase(),
    p.canonicalUri,
    p.canonicalQuery,
    p.canonicalHeaders,
    p.signedHeaders.map((h) => h.toLowerCase()).join(";"),
    p.payloadHash,
  ].join("\n");
}

export function stringToSign(sdkDate: string, canonical: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${createHash("sha256").update(canonical).digest("hex")}`;
}

/** HMAC-SHA256 keyed by the SK string itself (no derived key), lower-case hex. */
export function signature(secretKey: string, toSign: string): string {
  return createHmac("sha256", secretKey).update(toSign).digest("hex");
}

export interface ParsedAuthorization {
  accessKey: string;
  signedHeaders: string[];
  signature: string;
}

/** Parse `SDK-HMAC-SHA256 Access=…, SignedHeaders=a;b, Signature=…`; null when it is not of that form. */
function parseAuthorization(header: string): ParsedAuthorization | null {
  const m = /^SDK-HMAC-SHA256\s+(.+)$/.exec(header.trim());
  if (!m?.[1]) return null;
  const fields = new Map<string, string>();
  for (const part of m[1].split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKey = fields.get("Access");
  const signed = fields.get("SignedHeaders");
  const sig = fields.get("Signature");
  if (!accessKey || !signed || !sig) return null;
  return { accessKey, signedHeaders: signed.split(";").map((h) => h.trim().toLowerCase()), signature: sig };
}

/** `YYYYMMDDTHHMMSSZ` → epoch ms, or null. */
export function parseSdkDate(value: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value.trim());
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(ms) ? null : ms;
}

/** Constant-time comparison of two hex strings. */
function signaturesEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(given, "utf8");
  if (a.length !== b.length) {
    timingSafeEqual(a, a); // spend comparable time on the mismatch
    return false;
  }
  return timingSafeEqual(a, b);
}

export interface VerifyInput {
  method: string;
  /** The request target as received: path plus optional "?query". */
  url: string;
  headers: HeaderBag;
  /** The raw body bytes as received. */
  body: Bytes;
  secretFor: (accessKey: string) => string | undefined;
  nowMs: number;
  maxSkewMs?: number;
}

export type VerifyResult =
  | { ok: true; accessKey: string; canonicalRequest: string }
  | { ok: false; reason: "malformed"; accessKey?: undefined }
  | { ok: false; reason: "unknown_ak"; accessKey: string }
  | { ok: false; reason: "date_skew"; accessKey: string; sdkDate: string }
  | { ok: false; reason: "bad_signature"; accessKey: string; canonicalRequest: string };

/** Build the canonical request of a received request for the headers it says it signed. */
export function canonicalRequestOf(input: Pick<VerifyInput, "method" | "url" | "headers" | "body">, signed: string[]) {
  const q = input.url.indexOf("?");
  const path = q < 0 ? input.url : input.url.slice(0, q);
  const query = q < 0 ? "" : input.url.slice(q + 1);
  const unsigned = headerValue(input.headers, "x-sdk-content-sha256") === UNSIGNED_PAYLOAD;
  return canonicalRequest({
    method: input.method,
    canonicalUri: canonicalUri(path),
    canonicalQuery: canonicalQuery(query),
    canonicalHeaders: canonicalHeaders(signed, input.headers),
    signedHeaders: signed,
    payloadHash: unsigned ? UNSIGNED_PAYLOAD : payloadHash(input.body),
  });
}

/** Verify an AK/SK-signed request the way the API gateway does. */
export function verifyRequest(input: VerifyInput): VerifyResult {
  const auth = parseAuthorization(headerValue(input.headers, "authorization"));
  if (!auth) return { ok: false, reason: "malformed" };
  const canonical = canonicalRequestOf(input, auth.signedHeaders);
  const sdkDate = headerValue(input.headers, "x-sdk-date");
  const dateMs = parseSdkDate(sdkDate);
  // X-Sdk-Date must be present, well-formed and among the signed headers; otherwise the signature cannot hold.
  if (dateMs === null || !auth.signedHeaders.includes("x-sdk-date")) {
    return { ok: false, reason: "bad_signature", accessKey: auth.accessKey, canonicalRequest: canonical };
  }
  const secret = input.secretFor(auth.accessKey);
  if (secret === undefined) return { ok: false, reason: "unknown_ak", accessKey: auth.accessKey };
  if (Math.abs(input.nowMs - dateMs) > (input.maxSkewMs ?? MAX_CLOCK_SKEW_MS)) {
    return { ok: false, reason: "date_skew", accessKey: auth.accessKey, sdkDate };
  }
  const expected = signature(secret, stringToSign(sdkDate, canonical));
  if (!signaturesEqual(expected, auth.signature.toLowerCase())) {
    return { ok: false, reason: "bad_signature", accessKey: auth.accessKey, canonicalRequest: canonical };
  }
  return { ok: true, accessKey: auth.accessKey, canonicalRequest: canonical };
}
