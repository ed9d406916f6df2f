/**
 * The generated OpenAPI document: valid OpenAPI 3.1 by the specification's own JSON schema, one operation per
 * contract entry with its parameters, body and error codes, and answers checked against it the way the contract
 * spec checks the real ones (lib/server/testing/openapi-answers.ts).
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it, vi } from "vitest";
import { consoleApi } from "../schemas/api";
import { API_ERRORS } from "../schemas/error-codes";
import { answerChecker } from "./testing/openapi-answers";

vi.mock("./env", () => ({ env: () => ({ auth: { secureCookies: false } }) }));
const { errorCodesOf, openApiDocument, openApiPath } = await import("./openapi");

const TASK = "a".repeat(32);

describe("the OpenAPI document", () => {
  const doc = openApiDocument() as unknown as Parameters<typeof answerChecker>[0] & Record<string, unknown>;

  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const res = await validator.validate(structuredClone(doc));
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("has one operation per contract entry, with its path parameters, query, body and error statuses", () => {
    const ops = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    const entries = Object.keys(consoleApi).map((k) => k.replace(/ (.*)$/, (_, p: string) => ` ${openApiPath(p)}`));
    expect(ops.sort()).toEqual([...entries, "GET /api/health", "GET /api/ready", "GET /api/metrics"].sort());

    const start = doc.paths["/api/tasks/{taskId}/start"]?.post as unknown as {
      parameters: { in: string; name: string }[];
      requestBody: { content: Record<string, unknown> };
      responses: Record<string, { description: string }>;
    };
    expect(start.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(["path:taskId", "header:Idempotency-Key"]));
    expect(Object.keys(start.requestBody.content)).toEqual(["application/json"]);
    for (const s of ["200", "400", "401", "403", "409", "422", "423", "428", "502", "503"]) expect(Object.keys(start.responses)).toContain(s);
    expect(start.responses["423"]?.description).toMatch(/task_locked.*change_freeze/);

    const records = doc.paths["/api/tasks/{taskId}/records"]?.get as unknown as { parameters: { in: string; name: string }[] };
    expect(records.parameters.filter((p) => p.in === "query").length).toBeGreaterThan(0);
    // A public route needs no session; the rest need one.
    expect((doc.paths["/api/openapi.json"]?.get as unknown as { security: unknown[] }).security).toEqual([]);
    expect(errorCodesOf("GET /api/openapi.json", consoleApi["GET /api/openapi.json"])).not.toContain("unauthenticated");
    expect(errorCodesOf("GET /api/me", consoleApi["GET /api/me"])).toEqual(expect.arrayContaining(["unauthenticated", "token_expired", "rate_limited"]));
    // Both ways in: the session cookie, or an API token in the Authorization header.
    expect(doc.security).toEqual([{ session: [] }, { bearer: [] }]);
    expect((doc.components as { securitySchemes: Record<string, unknown> }).securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(start.responses["429"]?.description).toContain("rate_limited");
    expect(doc["x-error-codes"]).toEqual(API_ERRORS);
  });

  it("accepts answers shaped like the schemas and refuses others", () => {
    const check = answerChecker(doc);
    const refusal = { error: { code: "task_locked", message: "Locked." } };
    expect(check({ method: "POST", path: `/api/tasks/${TASK}/start`, status: 423, body: refusal })).toEqual([]);
    expect(check({ method: "POST", path: `/api/tasks/${TASK}/start`, status: 423, body: { error: { code: 7 } } }).length).toBeGreaterThan(0);
    expect(check({ method: "GET", path: "/api/me", status: 418, body: {} })[0]).toMatch(/status 418 is not among/);
    expect(check({ method: "GET", path: "/api/nowhere", status: 200, body: {} })[0]).toMatch(/no path/);
    expect(check({ method: "DELETE", path: `/api/admin/users/${TASK}`, status: 204, body: null })).toEqual([]);
    expect(check({ method: "GET", path: "/api/me/watches", status: 200, body: [{ nonsense: true }] }).length).toBeGreaterThan(0);
  });
});
