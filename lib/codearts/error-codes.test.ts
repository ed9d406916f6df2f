import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";
import { API_ERRORS, CLIENT_ERROR_CODES } from "../schemas/error-codes";
import { UPSTREAM_ERROR_KEYS, isKnownUpstreamCode } from "./error-codes";

describe("localised explanations of upstream error codes", () => {
  it.each(Object.entries(UPSTREAM_ERROR_KEYS))("%s has an explanation in en and zh-CN", (_code, key) => {
    const enText = (en.errors.upstream as Record<string, string>)[key];
    const zhText = (zh.errors.upstream as Record<string, string>)[key];
    expect(enText).toMatch(/\w/);
    expect(zhText).toMatch(/[\u4e00-\u9fff]/);
  });

  it("every console error code has a message in both catalogs", () => {
    for (const code of [...Object.keys(API_ERRORS), ...CLIENT_ERROR_CODES]) {
      expect((en.errors.console as Record<string, string>)[code], code).toBeTruthy();
      expect((zh.errors.console as Record<string, string>)[code], code).toBeTruthy();
    }
  });

  it("recognises only the listed codes", () => {
    expect(isKnownUpstreamCode("APIGW.0308")).toBe(true);
    expect(isKnownUpstreamCode("Deploy.00060218")).toBe(false);
    expect(isKnownUpstreamCode("toString")).toBe(false);
    expect(isKnownUpstreamCode(null)).toBe(false);
  });
});
