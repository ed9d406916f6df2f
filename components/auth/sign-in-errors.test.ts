import { describe, expect, it } from "vitest";
import { credentialsErrorKind, signInErrorKind } from "@/components/auth/sign-in-errors";

describe("signInErrorKind", () => {
  it.each([
    [null, null],
    ["", null],
    ["SessionRequired", null],
    ["CredentialsSignin", "wrongCredentials"],
    ["locked", "tooManyAttempts"],
    ["account_locked", "tooManyAttempts"],
    ["Throttled", "tooManyAttempts"],
    ["OAuthCallback", "providerFailed"],
    ["OAuthSignin", "providerFailed"],
    ["AccessDenied", "accessDenied"],
    ["Configuration", "configuration"],
    ["Default", "failed"],
    ["something_new", "failed"],
  ])("%s → %s", (code, kind) => {
    expect(signInErrorKind(code)).toBe(kind);
  });
});

describe("credentialsErrorKind", () => {
  it.each([
    ["CredentialsSignin", "wrongCredentials"],
    ["locked_out", "tooManyAttempts"],
    ["throttled", "tooManyAttempts"],
    ["anything else", "wrongCredentials"],
  ])("%s → %s", (code, kind) => {
    expect(credentialsErrorKind(code)).toBe(kind);
  });
});
