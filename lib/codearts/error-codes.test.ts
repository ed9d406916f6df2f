import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";
import { API_ERRORS, CLIENT_ERROR_CODES } from "../schemas/error-codes";
import { UPSTREAM_ERROR_KEYS, isKnownUpstreamCode, upstreamKind } from "./error-codes";
import { CodeArtsError, isResourceMissing } from "./errors";

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

  it("says what each code means to the console, from the one table", () => {
    expect(["Deploy.00011020", "Deploy.00011021", "Deploy.00011303"].map(upstreamKind)).toEqual(["missing", "missing", "missing"]);
    expect(upstreamKind("Deploy.00011027")).toBe("busy");
    expect(upstreamKind("Deploy.00016004")).toBe("refused");
    expect(upstreamKind("APIGW.0308")).toBe("throttled");
    expect(upstreamKind("APIGW.0101")).toBe("other");
    expect(upstreamKind("Deploy.99999999")).toBeNull();
    const missing = new CodeArtsError("http", "ShowDeployStatus", 404, "Deploy.00011303", "no such record", "r1");
    const routeGone = new CodeArtsError("http", "ShowDeployTaskDetail", 404, "APIGW.0101", "API not found", "r2");
    expect(isResourceMissing(missing)).toBe(true);
    expect(isResourceMissing(routeGone)).toBe(false);
    expect(isResourceMissing(new Error("Deploy.00011303"))).toBe(false);
  });
});
