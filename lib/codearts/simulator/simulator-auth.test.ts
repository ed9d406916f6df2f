import { createHash, createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { iamProjectsResponseSchema, iamTokenResponseSchema, listAllAppResponseSchema } from "@/lib/codearts/schemas";
import { DEMO_AK, DEMO_CODEARTS_PROJECT_ID, DEMO_IAM_PROJECT_ID, DEMO_REGION, DEMO_SK, SEED, createSimulator } from "./index";
import { call, getToken, passwordTokenBody } from "./test-client";

let clockOffset = 0;
const TOKEN_TTL_MS = 60_000;
const sim = createSimulator({ port: 0, now: () => Date.now() + clockOffset, tokenTtlMs: TOKEN_TTL_MS });
const listBody = { project_id: DEMO_CODEARTS_PROJECT_ID, page: 1, size: 5 };
const listApps = { method: "POST", path: "/v1/applications/list", body: listBody } as const;
const HEX32 = /^[0-9a-f]{32}$/;

beforeAll(() => sim.listen());
afterAll(() => sim.close());
afterEach(() => {
  clockOffset = 0;
});

type GatewayBody = { error_code: string; error_msg: string; request_id: string };

function expectGatewayError(res: { status: number; headers: Headers; json: unknown }, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = res.json as GatewayBody;
  expect(body.error_code).toBe(code);
  expect(body.request_id).toMatch(HEX32);
  expect(res.headers.get("x-request-id")).toBe(body.request_id);
  return body;
}

describe("AK/SK signed with the official SDK signer", () => {
  it("is accepted, and every answer carries an X-Request-Id", async () => {
    const res = await call(sim.url, listApps);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(HEX32);
    expect(listAllAppResponseSchema.parse(res.json).result).toHaveLength(5);
  });

  const task = SEED.apps.orders.taskId;
  const historyPath = `/v2/${DEMO_CODEARTS_PROJECT_ID}/task/${task}/history`;
  const historyQuery = { page: 1, size: 10, start_date: "2024-01-01", end_date: "2024-01-20" };

  it.each([
    { what: "body", opts: { ...listApps, tamper: (r: { body?: string }) => void (r.body = JSON.stringify({ ...listBody, size: 6 })) } },
    {
      what: "a signed header",
      opts: { ...listApps, tamper: (r: { headers: Record<string, string> }) => void (r.headers["Content-Type"] = "application/json;charset=utf-8") },
    },
    {
      what: "path",
      opts: {
        path: `/v1/applications/${SEED.apps.orders.appId}/info`,
        tamper: (r: { url: string }) => void (r.url = r.url.replace(SEED.apps.orders.appId, SEED.apps.favourite.appId)),
      },
    },
    {
      what: "query",
      opts: { path: historyPath, query: historyQuery, tamper: (r: { url: string }) => void (r.url = r.url.replace("page=1", "page=2")) },
    },
    { what: "secret key", opts: { ...listApps, sk: "not-the-secret" } },
  ])("a changed $what is refused with APIGW.0301 and the canonical request", async ({ opts }) => {
    const res = await call(sim.url, opts);
    const body = expectGatewayError(res, 401, "APIGW.0301");
    expect(body.error_msg).toMatch(/^Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:(GET|POST)\|\//);
    expect(body.error_msg).not.toContain("\n");
  });

  it("refuses an unknown AK", async () => {
    const body = expectGatewayError(await call(sim.url, { ...listApps, ak: "UNKNOWNAK0000000000" }), 401, "APIGW.0301");
    expect(body.error_msg).toBe("Incorrect IAM authentication information: Get secretKey failed,ak:UNKNOWNAK0000000000,err:ak not exist");
  });

  it("refuses a request without credentials", async () => {
    const res = await fetch(`${sim.url}/v1/applications/${SEED.apps.orders.appId}/info`);
    const body = expectGatewayError({ status: res.status, headers: res.headers, json: await res.json() }, 401, "APIGW.0301");
    expect(body.error_msg).toBe("Incorrect IAM authentication information: x-auth-token not found");
  });

  it.each([16, -16])("refuses an X-Sdk-Date %i minutes from the simulator clock with APIGW.0303", async (minutes) => {
    clockOffset = minutes * 60_000;
    expectGatewayError(await call(sim.url, listApps), 401, "APIGW.0303");
  });

  it("accepts a date 14 minutes off", async () => {
    clockOffset = 14 * 60_000;
    expect((await call(sim.url, listApps)).status).toBe(200);
  });

  it("hashes UNSIGNED-PAYLOAD instead of the body when asked to", async () => {
    const res = await call(sim.url, {
      ...listApps,
      headers: { "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" },
      tamper: (r) => void (r.body = JSON.stringify({ ...listBody, size: 2 })),
    });
    expect(res.status).toBe(200);
    expect(listAllAppResponseSchema.parse(res.json).result).toHaveLength(2);
  });

  it("verifies over the SignedHeaders the request names (Go style: only x-sdk-date, body with a newline)", async () => {
    const body = `${JSON.stringify(listBody)}\n`;
    const date = new Date()
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
    const canonical = ["POST", "/v1/applications/list/", "", `x-sdk-date:${date}\n`, "x-sdk-date", createHash("sha256").update(body).digest("hex")].join("\n");
    const toSign = `SDK-HMAC-SHA256\n${date}\n${createHash("sha256").update(canonical).digest("hex")}`;
    const sig = createHmac("sha256", DEMO_SK).update(toSign).digest("hex");
    const res = await fetch(`${sim.url}/v1/applications/list`, {
      method: "POST",
      body,
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "huaweicloud-usdk-go/3.0",
        "X-Sdk-Date": date,
        Authorization: `SDK-HMAC-SHA256 Access=${DEMO_AK}, SignedHeaders=x-sdk-date, Signature=${sig}`,
      },
    });
    expect(res.status).toBe(200);
  });

  it("refuses another IAM project in X-Project-Id with 403 APIGW.0310", async () => {
    const res = await call(sim.url, { ...listApps, headers: { "X-Project-Id": "0".repeat(32) } });
    expectGatewayError(res, 403, "APIGW.0310");
  });
});

describe("IAM token mode", () => {
  it("issues a token (201, X-Subject-Token MII…, ISO microsecond times) that CodeArts accepts", async () => {
    const res = await fetch(`${sim.url}/v3/auth/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json;charset=utf8" },
      body: JSON.stringify(passwordTokenBody()),
    });
    expect(res.status).toBe(201);
    const token = res.headers.get("x-subject-token") ?? "";
    expect(token).toMatch(/^MII[A-Za-z0-9_-]{1000,}$/);
    const body = iamTokenResponseSchema.parse(await res.json());
    expect(body.token.project).toMatchObject({ id: DEMO_IAM_PROJECT_ID, name: DEMO_REGION });
    expect(body.token.expires_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(body.token.catalog?.length).toBeGreaterThan(0);
    expect(Date.parse(body.token.expires_at) - Date.parse(body.token.issued_at)).toBe(TOKEN_TTL_MS);

    const apps = await call(sim.url, { ...listApps, token });
    expect(apps.status).toBe(200);
  });

  it("omits the catalog with nocatalog and lists the IAM project by region (token and AK/SK)", async () => {
    const res = await fetch(`${sim.url}/v3/auth/tokens?nocatalog=true`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(passwordTokenBody()),
    });
    expect(iamTokenResponseSchema.parse(await res.json()).token.catalog).toBeUndefined();
    const token = res.headers.get("x-subject-token") ?? "";
    for (const auth of [{ token }, {}]) {
      const projects = await call(sim.url, { path: "/v3/projects", query: { name: DEMO_REGION }, ...auth });
      expect(projects.status).toBe(200);
      expect(iamProjectsResponseSchema.parse(projects.json).projects).toEqual([
        expect.objectContaining({ id: DEMO_IAM_PROJECT_ID, name: DEMO_REGION, is_domain: false, enabled: true }),
      ]);
    }
    const other = await call(sim.url, { path: "/v3/projects", query: { name: "ap-southeast-3" } });
    expect(iamProjectsResponseSchema.parse(other.json).projects).toEqual([]);
  });

  it.each([{ password: "wrong" }, { user: "nobody" }, { domain: "other" }])("refuses wrong credentials %o", async (o) => {
    const res = await fetch(`${sim.url}/v3/auth/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(passwordTokenBody(o)),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("x-subject-token")).toBeNull();
    expect(await res.json()).toMatchObject({ error: { code: "1101", title: "Unauthorized" } });
  });

  it("refuses an expired token", async () => {
    const token = await getToken(sim.url);
    clockOffset = TOKEN_TTL_MS + 1000;
    const body = expectGatewayError(await call(sim.url, { ...listApps, token }), 401, "APIGW.0301");
    expect(body.error_msg).toMatch(/^Incorrect IAM authentication information: token expires, expires_at: \d{4}-.*Z$/);
  });

  it("refuses a token it did not issue", async () => {
    const body = expectGatewayError(await call(sim.url, { ...listApps, token: "MIIforged" }), 401, "APIGW.0301");
    expect(body.error_msg).toBe("Incorrect IAM authentication information: decrypt token fail");
  });
});

describe("gateway behaviour", () => {
  it("answers an unknown route with 404 APIGW.0101", async () => {
    expectGatewayError(await call(sim.url, { path: "/v9/nothing/here" }), 404, "APIGW.0101");
    expectGatewayError(await call(sim.url, { method: "DELETE", path: "/v1/applications/list" }), 404, "APIGW.0101");
  });

  it("keeps /__sim admin routes hidden without an admin token, health stays open", async () => {
    expectGatewayError(await call(sim.url, { path: "/__sim/calls" }), 404, "APIGW.0101");
    const health = await fetch(`${sim.url}/__sim/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
  });

  it("refuses a body over 12 MB with 413 APIGW.0201", async () => {
    const res = await fetch(`${sim.url}/v1/applications/list`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "x".repeat(12 * 1024 * 1024 + 1),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as GatewayBody).error_code).toBe("APIGW.0201");
  });
});
