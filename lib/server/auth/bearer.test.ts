/** The Authorization header's token, and which per-minute limit a request counts against. */
import { describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { bearerOf, rateClassOf } from "./bearer";

const req = (authorization?: string) => ({ headers: new Headers(authorization === undefined ? {} : { authorization }) });
const T = "a".repeat(32);

describe("bearerOf", () => {
  it("reads the token of `Bearer <token>` (any case, extra spaces) and nothing without the header", () => {
    expect(bearerOf(req())).toBeNull();
    expect(bearerOf(req("Bearer cdc_abc"))).toBe("cdc_abc");
    expect(bearerOf(req("bearer   cdc_abc  "))).toBe("cdc_abc");
  });

  it("refuses another scheme or an empty token as token_invalid (401)", () => {
    for (const h of ["Basic dXNlcjpwYXNz", "Bearer", "Bearer a b", "cdc_abc", ""]) {
      expect(() => bearerOf(req(h)), h).toThrow(ApiError);
      try {
        bearerOf(req(h));
      } catch (e) {
        expect([(e as ApiError).code, (e as ApiError).status]).toEqual(["token_invalid", 401]);
      }
    }
  });
});

describe("rateClassOf", () => {
  it("counts the start and execute routes as starts, everything else as reads", () => {
    expect(rateClassOf("POST", `/api/tasks/${T}/start`)).toBe("starts");
    expect(rateClassOf("POST", `/api/requests/${T}/execute`)).toBe("starts");
    expect(rateClassOf("POST", `/api/tasks/${T}/preview`)).toBe("reads");
    expect(rateClassOf("GET", `/api/tasks/${T}/start`)).toBe("reads");
    expect(rateClassOf("POST", `/api/tasks/${T}/records/${T}/stop`)).toBe("reads");
  });
});
