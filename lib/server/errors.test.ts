import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CodeArtsError } from "../codearts/errors";
import { startDeployBodySchema } from "../schemas/deploy";
import { ApiError, toErrorResponse } from "./errors";

const upstream = (status: number, code: string | null, failure: CodeArtsError["failure"] = "http") =>
  new CodeArtsError(failure, "StartDeployTask", status, code, "msg", "req-1");

describe("toErrorResponse", () => {
  it.each([
    [upstream(400, "Deploy.00011027"), 409, "upstream_conflict"],
    [upstream(400, "Deploy.00011042"), 422, "upstream_refused"],
    [upstream(400, "Deploy.00016004"), 422, "upstream_refused"],
    [upstream(200, "Deploy.00011021", "error_in_body"), 404, "upstream_not_found"],
    [upstream(400, "Deploy.00011303"), 404, "upstream_not_found"],
    [upstream(429, "APIGW.0308"), 429, "upstream_throttled"],
    [upstream(401, "APIGW.0301"), 502, "upstream_error"],
    [upstream(503, null), 502, "upstream_unavailable"],
    [upstream(0, null, "timeout"), 504, "upstream_timeout"],
    [upstream(0, null, "network"), 502, "upstream_unavailable"],
  ])("maps %s", (err, status, code) => {
    const a = toErrorResponse(err);
    expect(a.status).toBe(status);
    expect(a.body.error.code).toBe(code);
    expect(a.body.error.upstream).toMatchObject({ request_id: "req-1", error_code: err.errorCode });
  });

  it("names the row of a bad parameter", () => {
    const r = startDeployBodySchema.safeParse({
      params: [
        { key: "ok", value: "1", type: "text" },
        { key: "bad key", value: "", type: "text" },
      ],
    });
    expect(r.success).toBe(false);
    const a = toErrorResponse(r.error);
    expect(a.status).toBe(400);
    expect(a.body.error.issues?.[0]?.path).toEqual(["params", 1, "key"]);
    expect(a.body.error.message).toContain("params.1.key");
  });

  it("keeps unexpected errors out of the answer", () => {
    const a = toErrorResponse(new Error("db password is hunter2"));
    expect(a.status).toBe(500);
    expect(JSON.stringify(a.body)).not.toContain("hunter2");
    expect(a.logDetail).toContain("hunter2");
  });

  it.each([
    ["unauthenticated", 401],
    ["forbidden", 403],
    ["cross_site", 403],
    ["not_found", 404],
    ["conflict", 409],
    ["protected_confirmation_required", 422],
    ["throttled", 429],
    ["locked_out", 429],
  ] as const)("answers %s with %i and the code", (code, status) => {
    const a = toErrorResponse(new ApiError(code, "why"));
    expect(a).toEqual({ status, body: { error: { code, message: "why" } } });
  });

  it("passes console errors through", () => {
    expect(toErrorResponse(new ApiError("invalid_json", "bad")).status).toBe(400);
    expect(toErrorResponse(z.string().safeParse(1).error).status).toBe(400);
  });

  it("answers 503 database_unavailable when the console's database cannot be reached, and 500 for other failures", () => {
    const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
    const unreachable = [
      withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"),
      withCode("terminating connection due to administrator command", "57P01"),
      withCode("the database system is starting up", "57P03"),
      withCode("connection failure", "08006"),
      withCode("sorry, too many clients already", "53300"),
      new AggregateError([withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED")], ""),
      new Error("Connection terminated unexpectedly"),
      new TypeError("The database connection is not open"),
      new Error("driver has already been destroyed"),
    ];
    for (const err of unreachable) {
      const answer = toErrorResponse(err);
      expect([answer.status, answer.body.error.code], err.message).toEqual([503, "database_unavailable"]);
      expect(answer.body.error.message).not.toContain(err.message || "ECONNREFUSED"); // the cause goes to the log only
      expect(answer.logDetail).toContain(err.name);
    }
    for (const err of [
      withCode('duplicate key value violates unique constraint "users_email"', "23505"),
      new Error("boom"),
      withCode("x", "SQLITE_CONSTRAINT"),
    ]) {
      expect(toErrorResponse(err).body.error.code, err.message).toBe("internal_error");
    }
  });
});
