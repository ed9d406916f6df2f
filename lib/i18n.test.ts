import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";
import { localeFromAcceptLanguage, resolveLocale } from "@/lib/i18n";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));
}

describe("resolveLocale", () => {
  it.each([
    [{ cookie: "zh-CN", acceptLanguage: "en-US" }, "zh-CN"],
    [{ cookie: "en", acceptLanguage: "zh-CN,zh;q=0.9" }, "en"],
    [{ cookie: "fr", acceptLanguage: "zh-TW" }, "zh-CN"],
    [{ acceptLanguage: "zh" }, "zh-CN"],
    [{ acceptLanguage: "en-GB,en;q=0.9,zh-CN;q=0.8" }, "en"],
    [{ acceptLanguage: "en;q=0.5,zh-CN;q=0.9" }, "zh-CN"],
    [{ acceptLanguage: "fr-FR,de;q=0.9" }, "en"],
    [{ acceptLanguage: "fr-FR,zh;q=0.4" }, "zh-CN"],
    [{ acceptLanguage: "zh;q=0" }, "en"],
    [{}, "en"],
  ])("%j → %s", (input, expected) => {
    expect(resolveLocale(input)).toBe(expected);
  });

  it("reads nothing from an empty header", () => {
    expect(localeFromAcceptLanguage("")).toBeNull();
  });
});

describe("message catalogs", () => {
  it("en and zh-CN have the same keys", () => {
    expect(leaves(zh as Tree).sort()).toEqual(leaves(en as Tree).sort());
  });

  const at = (tree: Tree, key: string) => key.split(".").reduce<string | Tree>((n, k) => (n as Tree)[k]!, tree);
  // Every argument gets 1: valid for plain, plural and select arguments alike.
  const argsOf = (message: string) => Object.fromEntries([...message.matchAll(/\{(\w+)/g)].map((m) => [m[1], 1]));

  it.each([
    ["en", en],
    ["zh-CN", zh],
  ] as const)("every %s message is valid ICU and formats", (locale, messages) => {
    const errors: string[] = [];
    const t = createTranslator({ locale, messages, onError: (e) => errors.push(e.message) });
    for (const key of leaves(messages)) {
      const args = argsOf(at(messages, key) as string);
      const out = (t as unknown as (k: string, v: object) => string)(key, args);
      expect(out, key).not.toBe(key);
    }
    expect(errors).toEqual([]);
  });
});
