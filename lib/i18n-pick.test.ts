import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import namespaces from "@/i18n/client-namespaces.json";
import en from "@/messages/en.json";
import { type PageFile, pickMessages } from "./i18n-pick";

describe("messages sent to the browser per page", () => {
  it("i18n/client-namespaces.json is what the sources say (every client useTranslations names its namespace)", () => {
    expect(() => execFileSync(process.execPath, ["scripts/client-namespaces.mjs", "--check"], { stdio: "pipe" })).not.toThrow();
  });

  it("every page whose client code needs its own namespaces wraps its tree in <PageMessages page=…> naming itself", () => {
    for (const [file, own] of Object.entries(namespaces.pages)) {
      const text = readFileSync(file, "utf8");
      if (own.length > 0) expect(text, file).toContain(`<PageMessages page="${file}">`);
    }
  });

  it("every namespace named exists, and a page gets the shell's and its own, nothing else", () => {
    const all = new Set(Object.keys(en));
    for (const ns of [...namespaces.shell, ...Object.values(namespaces.pages).flat()]) expect(all.has(ns), ns).toBe(true);
    const page: PageFile = "app/(console)/requests/page.tsx";
    expect(Object.keys(pickMessages(en, page)).sort()).toEqual([...namespaces.shell, ...namespaces.pages[page]].sort());
    expect(Object.keys(pickMessages(en, null)).sort()).toEqual([...namespaces.shell].sort());
  });
});
