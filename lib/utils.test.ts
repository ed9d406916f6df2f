import { describe, expect, it } from "vitest";
import { safeCallbackPath, signInHref } from "@/lib/utils";

describe("safeCallbackPath", () => {
  const origin = "https://console.example.com";
  it.each([
    ["a page of this console", "/tasks/abc?x=1#log", "/tasks/abc?x=1#log"],
    ["an absolute URL on this origin", "https://console.example.com/admin", "/admin"],
    ["nothing", null, "/apps"],
    ["an empty value", "", "/apps"],
    ["another origin", "https://evil.example/apps", "/apps"],
    ["a protocol-relative URL", "//evil.example/apps", "/apps"],
    ["a backslash trick", "/\\evil.example/apps", "/apps"],
    ["a javascript: URL", "javascript:alert(1)", "/apps"],
    ["the same host over http", "http://console.example.com/apps?q=1", "/apps"],
    ["the sign-in page itself", "/sign-in?callbackUrl=%2Fapps", "/apps"],
    ["an API route", "/api/me", "/apps"],
    ["a relative path", "admin", "/admin"],
  ])("%s", (_, raw, expected) => {
    expect(safeCallbackPath(raw, origin)).toBe(expected);
  });
});

describe("signInHref", () => {
  it("carries the way back, encoded", () => {
    expect(signInHref("/tasks/a?b=c&d=e")).toBe("/sign-in?callbackUrl=%2Ftasks%2Fa%3Fb%3Dc%26d%3De");
  });
});
