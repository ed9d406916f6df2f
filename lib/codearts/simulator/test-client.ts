/**
 * Test-only helper: an outside client of the simulator that signs with the official Huawei SDK signer
 * (@huaweicloud/huaweicloud-sdk-core), so our verifier is checked against an independent implementation.
 */
import { AKSKSigner } from "@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner";
import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials";
import { DEMO_AK, DEMO_DOMAIN_NAME, DEMO_IAM_PASSWORD, DEMO_IAM_PROJECT_ID, DEMO_IAM_USER, DEMO_REGION, DEMO_SK } from "../demo";

export interface CallOptions {
  method?: string;
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  headers?: Record<string, string>;
  ak?: string;
  sk?: string;
  /** Token mode instead of AK/SK. */
  token?: string;
  /** Change the request after signing (to prove tampering is caught). */
  tamper?: (req: { url: string; headers: Record<string, string>; body: string | undefined }) => void;
  signal?: AbortSignal;
}

export interface CallResult<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

function queryString(query: CallOptions["query"]): string {
  if (!query) return "";
  const parts = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join("&")}` : "";
}

export async function call<T = unknown>(baseUrl: string, opts: CallOptions): Promise<CallResult<T>> {
  const method = opts.method ?? "GET";
  const bodyText = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  let headers: Record<string, string> = { "Content-Type": "application/json", ...opts.headers };
  if (opts.token !== undefined) {
    headers["X-Auth-Token"] = opts.token;
  } else {
    if (!("X-Project-Id" in headers)) headers["X-Project-Id"] = DEMO_IAM_PROJECT_ID;
    const credential = new BasicCredentials().withAk(opts.ak ?? DEMO_AK).withSk(opts.sk ?? DEMO_SK);
    const queryParams = Object.fromEntries(Object.entries(opts.query ?? {}).map(([k, v]) => [k, String(v)]));
    headers = AKSKSigner.sign({ endpoint: `${baseUrl}${opts.path}`, method, headers, queryParams, data: opts.body }, credential);
  }
  const req = { url: `${baseUrl}${opts.path}${queryString(opts.query)}`, headers, body: bodyText };
  opts.tamper?.(req);
  const res = await fetch(req.url, { method, headers: req.headers, body: req.body, signal: opts.signal });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json: json as T };
}

export function passwordTokenBody(overrides: { user?: string; password?: string; domain?: string } = {}) {
  return {
    auth: {
      identity: {
        methods: ["password"],
        password: {
          user: {
            name: overrides.user ?? DEMO_IAM_USER,
            password: overrides.password ?? DEMO_IAM_PASSWORD,
            domain: { name: overrides.domain ?? DEMO_DOMAIN_NAME },
          },
        },
      },
      scope: { project: { name: DEMO_REGION } },
    },
  };
}

/** Obtain an IAM token from the simulator (POST /v3/auth/tokens). */
export async function getToken(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/v3/auth/tokens?nocatalog=true`, {
    method: "POST",
    headers: { "Content-Type": "application/json;charset=utf8" },
    body: JSON.stringify(passwordTokenBody()),
  });
  const token = res.headers.get("x-subject-token");
  if (res.status !== 201 || !token) throw new Error(`token request failed: ${res.status}`);
  return token;
}
