import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";
import { ApiError } from "@/lib/queries/api";
import { ERROR_REASONS } from "@/lib/schemas/error-codes";
import { errorTextOf } from "./use-error-text";

const translator = (locale: "en" | "zh-CN", messages: typeof en) => createTranslator({ locale, messages, namespace: "errors" });
const tEn = translator("en", en);
const tZh = translator("zh-CN", zh);

const upstream = (error_code: string | null, status = 504) => ({ status, error_code, error_msg: "Backend timeout", request_id: "req-1" });

describe("errorTextOf", () => {
  it("puts the console's in-doubt explanation before the upstream code's", () => {
    const e = new ApiError(502, { code: "upstream_in_doubt", message: "CodeArts startTask: Backend timeout", upstream: upstream("APIGW.0201") });
    const text = errorTextOf(tEn, e);
    expect(text.title).toBe(en.errors.console.upstream_in_doubt);
    expect(text.explanation).toBe(en.errors.upstream.APIGW_0201);
    expect(text.detail).toBe("Backend timeout");
    expect(errorTextOf(tZh, e).title).toBe(zh.errors.console.upstream_in_doubt);
  });

  it("explains an in-doubt answer without an upstream code by the console's text alone", () => {
    const text = errorTextOf(tEn, new ApiError(502, { code: "upstream_in_doubt", message: "m", upstream: upstream(null, 0) }));
    expect(text.title).toBe(en.errors.console.upstream_in_doubt);
    expect(text.explanation).toBeNull();
  });

  it.each([
    ["deploy_in_progress", 409],
    ["idempotency_key_reused", 422],
    ["idempotency_in_progress", 409],
    ["ledger_unavailable", 503],
  ] as const)("localises %s in en and zh-CN", (code, status) => {
    const e = new ApiError(status, { code, message: "server text" });
    expect(errorTextOf(tEn, e)).toEqual({ title: en.errors.console[code], explanation: null, detail: "server text" });
    expect(errorTextOf(tZh, e).title).toBe(zh.errors.console[code]);
  });

  it("prefers a known upstream code's explanation elsewhere (taken from UPSTREAM_ERROR_KEYS)", () => {
    const e = new ApiError(409, { code: "deploy_in_progress", message: "m", upstream: upstream("Deploy.00011027", 400) });
    expect(errorTextOf(tEn, e).title).toBe(en.errors.upstream.Deploy_00011027);
    const gone = new ApiError(502, { code: "upstream_error", message: "m", upstream: upstream("APIGW.0101", 404) });
    expect(errorTextOf(tEn, gone).title).toBe(en.errors.upstream.APIGW_0101);
  });

  it("falls back to the generic text for unknown codes and non-API errors", () => {
    expect(errorTextOf(tEn, new ApiError(500, { code: "brand_new", message: "x" })).title).toBe(en.errors.generic);
    expect(errorTextOf(tEn, new Error("boom"))).toEqual({ title: en.errors.generic, explanation: null, detail: "boom" });
  });

  it("words a refusal that names its reason from the catalog, with its values; the server's text stays as detail", () => {
    const e = new ApiError(409, { code: "conflict", message: 'A team named "ops" already exists.', reason: "team_name_taken", args: { name: "ops" } });
    expect(errorTextOf(tEn, e)).toEqual({ title: "A team named “ops” already exists.", explanation: null, detail: 'A team named "ops" already exists.' });
    expect(errorTextOf(tZh, e).title).toBe("名为“ops”的团队已存在。");
    // An unknown reason falls back to the code's text.
    expect(errorTextOf(tEn, new ApiError(409, { code: "conflict", message: "m", reason: "brand_new" })).title).toBe(en.errors.console.conflict);
  });

  it.each(Object.entries(ERROR_REASONS))("has %s in both catalogs, naming exactly its values %j", (reason, args) => {
    for (const messages of [en, zh]) {
      const text = (messages.errors.reason as Record<string, string>)[reason] ?? "";
      expect(text).not.toBe("");
      expect([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()).toEqual([...args].sort());
    }
  });
});
