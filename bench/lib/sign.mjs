// A tiny signing client for the benchmark: builds a CodeArts request (URL, headers, body) signed with the
// official Huawei SDK signer (SDK-HMAC-SHA256), the way lib/codearts/http.ts does it for the console. Used for the
// direct baseline, the plain proxy and the data set-up. Every call signs anew: X-Sdk-Date is part of the signature.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner");
const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials");

/** RFC 3986 (the signer's canonical query encodes the same way). */
const encodePart = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function makeSigner({ ak, sk, projectId }) {
  const credential = new BasicCredentials().withAk(ak).withSk(sk);
  /**
   * @returns {{ url: string, path: string, headers: Record<string,string>, body: string|undefined }}
   *   `path` is path + query (for autocannon); `headers` include `host` (autocannon sends it as is; drop it for fetch).
   */
  return function sign({ base, method, path, query, body }) {
    const q = Object.fromEntries(Object.entries(query ?? {}).map(([k, v]) => [k, String(v)]));
    const qs = Object.entries(q)
      .map(([k, v]) => `${encodePart(k)}=${encodePart(v)}`)
      .join("&");
    const headers = { "Content-Type": "application/json" };
    if (projectId) headers["X-Project-Id"] = projectId;
    const signed = AKSKSigner.sign({ endpoint: `${base}${path}`, method, headers, queryParams: q, data: body }, credential);
    const full = qs ? `${path}?${qs}` : path;
    return { url: `${base}${full}`, path: full, headers: signed, body: body === undefined ? undefined : JSON.stringify(body) };
  };
}

/** A signed fetch returning { status, json }; bounded by a timeout. */
export async function signedFetch(sign, spec, timeoutMs = 15_000) {
  const req = sign(spec);
  const headers = { ...req.headers };
  delete headers.host;
  const res = await fetch(req.url, { method: spec.method, headers, body: req.body, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}
