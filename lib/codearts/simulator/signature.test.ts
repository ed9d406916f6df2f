import { describe, expect, it } from "vitest";
import {
  EMPTY_BODY_SHA256,
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  parseSdkDate,
  payloadHash,
  signature,
  stringToSign,
  verifyRequest,
} from "./signature";

// Published vectors: shared/reference/codearts-deploy-api.md §10.3.

describe("TV1 — official doc example (GET with query, content-type and host signed)", () => {
  const sk = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc";
  const headers = {
    host: "service.region.example.com",
    "content-type": "application/json",
    "x-sdk-date": "20191115T033655Z",
  };
  const signed = ["content-type", "host", "x-sdk-date"];
  const url = "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0";
  const expectedCanonical = [
    "GET",
    "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/",
    "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
    "content-type:application/json",
    "host:service.region.example.com",
    "x-sdk-date:20191115T033655Z",
    "",
    "content-type;host;x-sdk-date",
    EMPTY_BODY_SHA256,
  ].join("\n");

  it("builds the canonical request, string to sign and signature", () => {
    const canonical = canonicalRequest({
      method: "get",
      canonicalUri: canonicalUri("/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs"),
      canonicalQuery: canonicalQuery("limit=2&marker=13551d6b-755d-4757-b956-536f674975c0"),
      canonicalHeaders: canonicalHeaders(signed, headers),
      signedHeaders: signed,
      payloadHash: payloadHash(""),
    });
    expect(canonical).toBe(expectedCanonical);
    const toSign = stringToSign("20191115T033655Z", canonical);
    expect(toSign).toBe("SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a");
    expect(signature(sk, toSign)).toBe("7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe");
  });

  it("verifies the published Authorization header", () => {
    const result = verifyRequest({
      method: "GET",
      url,
      body: "",
      headers: {
        ...headers,
        authorization:
          "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
      },
      secretFor: (ak) => (ak === "QTWAOYTTINDUT2QVKYUC" ? sk : undefined),
      nowMs: parseSdkDate("20191115T033655Z") ?? 0,
    });
    expect(result).toMatchObject({ ok: true, canonicalRequest: expectedCanonical });
  });
});

const goDate = "20060102T150405Z";
const goNow = parseSdkDate(goDate) ?? 0;
const goSecret = (ak: string) => (ak === "AccessKey" ? "SecretKey" : undefined);

describe("TV2 — Go SDK GET (underscore header not signed)", () => {
  it("matches the expected hash and signature", () => {
    const canonical = canonicalRequest({
      method: "GET",
      canonicalUri: canonicalUri("/path"),
      canonicalQuery: canonicalQuery([["limit", "1"]]),
      canonicalHeaders: canonicalHeaders(["x-sdk-date"], { "X-Sdk-Date": goDate, TEST_UNDERSCORE: "TEST_VALUE" }),
      signedHeaders: ["x-sdk-date"],
      payloadHash: EMPTY_BODY_SHA256,
    });
    expect(canonical).toBe(["GET", "/path/", "limit=1", `x-sdk-date:${goDate}`, "", "x-sdk-date", EMPTY_BODY_SHA256].join("\n"));
    const toSign = stringToSign(goDate, canonical);
    expect(toSign.split("\n")[2]).toBe("85c3b7730f308aee452b16138a42a914397e43a8f0d732dfa521c0ef2afa98a4");
    expect(signature("SecretKey", toSign)).toBe("5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624");
  });

  it("verifies through verifyRequest", () => {
    const result = verifyRequest({
      method: "GET",
      url: "/path?limit=1",
      body: new Uint8Array(),
      headers: {
        "x-sdk-date": goDate,
        test_underscore: "TEST_VALUE",
        authorization: "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624",
      },
      secretFor: goSecret,
      nowMs: goNow,
    });
    expect(result.ok).toBe(true);
  });
});

describe("TV3 — Go SDK POST with a JSON body ending in a newline", () => {
  const body = '{"Name":"test","Id":1}\n';
  const tv3Headers = (sig: string) => ({
    "x-sdk-date": goDate,
    "content-type": "application/json",
    test_underscore: "TEST_VALUE",
    authorization: `SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=${sig}`,
  });
  const expected = "cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59";

  function tv3Signature(payload: string): { hash: string; sig: string; toSign: string } {
    const hash = payloadHash(payload);
    const canonical = canonicalRequest({
      method: "POST",
      canonicalUri: canonicalUri("/path"),
      canonicalQuery: canonicalQuery("key=value"),
      canonicalHeaders: canonicalHeaders(["x-sdk-date"], { "x-sdk-date": goDate }),
      signedHeaders: ["x-sdk-date"],
      payloadHash: hash,
    });
    const toSign = stringToSign(goDate, canonical);
    return { hash, sig: signature("SecretKey", toSign), toSign };
  }

  it("matches payload hash, string-to-sign hash and signature", () => {
    expect(Buffer.byteLength(body)).toBe(23);
    const { hash, sig, toSign } = tv3Signature(body);
    expect(hash).toBe("a29d7b4c5efd1a22011d69fd7b7aee76fe51e4083c609244228de258afd61289");
    expect(toSign.split("\n")[2]).toBe("13f75ff5f5216199f986c7e7f2f77834d5e160ad9e46f37319816dc72ba7eeab");
    expect(sig).toBe(expected);
    const verified = verifyRequest({
      method: "POST",
      url: "/path?key=value",
      body: Buffer.from(body),
      headers: tv3Headers(expected),
      secretFor: goSecret,
      nowMs: goNow,
    });
    expect(verified.ok).toBe(true);
  });

  it("without the trailing newline the signature differs and verification fails", () => {
    const { sig } = tv3Signature(body.trimEnd());
    expect(sig).not.toBe(expected);
    expect(sig.startsWith("83599e52")).toBe(true);
    expect(sig.endsWith("7a35")).toBe(true);
    const verified = verifyRequest({
      method: "POST",
      url: "/path?key=value",
      body: Buffer.from(body.trimEnd()),
      headers: tv3Headers(expected),
      secretFor: goSecret,
      nowMs: goNow,
    });
    expect(verified).toMatchObject({ ok: false, reason: "bad_signature" });
  });
});

describe("TV4 — query canonicalisation", () => {
  const expected = "enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29";

  it("canonicalises decoded pairs", () => {
    expect(
      canonicalQuery([
        ["limit", "1"],
        ["enable", "true"],
        ["test", "一 (&=?!#%.*)"],
        ["path", "/tmp/123"],
        ["multi", "3"],
        ["multi", "1"],
        ["multi", "2"],
      ]),
    ).toBe(expected);
  });

  it("canonicalises the same parameters received as a raw query string (+ as space)", () => {
    const raw = "multi=2&limit=1&test=%E4%B8%80+(%26%3D%3F!%23%25.*)&path=/tmp/123&multi=3&enable=true&multi=1";
    expect(canonicalQuery(raw)).toBe(expected);
  });
});

describe("other rules", () => {
  it("re-encodes decoded path segments and keeps a trailing slash", () => {
    expect(canonicalUri("/v2/tasks/abc/start")).toBe("/v2/tasks/abc/start/");
    expect(canonicalUri("/a%20b/c:d/")).toBe("/a%20b/c%3Ad/");
    expect(canonicalUri("/")).toBe("/");
  });

  it("keeps bare query names as k=", () => {
    expect(canonicalQuery("b&a=1")).toBe("a=1&b=");
  });
});
