import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/queries/api";
import { canSendAgain } from "./send-again";

const err = (status: number, code: string) => new ApiError(status, { code, message: code });

describe("which failed starts offer “Send again” (same body, same Idempotency-Key)", () => {
  it.each([
    [0, "network_error", true],
    [409, "idempotency_in_progress", true],
    [503, "ledger_unavailable", true],
    [500, "internal_error", true],
    [502, "bad_response", true],
    [504, "bad_response", true],
    [404, "bad_response", false],
    [502, "upstream_in_doubt", false],
    [409, "deploy_in_progress", false],
    [422, "idempotency_key_reused", false],
    [502, "upstream_unavailable", false],
    [429, "upstream_throttled", false],
    [403, "forbidden", false],
    [400, "validation_failed", false],
  ])("%i %s → %s", (status, code, expected) => {
    expect(canSendAgain(err(status, code))).toBe(expected);
  });

  it("never for something that is not an API answer", () => {
    expect(canSendAgain(new Error("boom"))).toBe(false);
  });
});
