import { describe, expect, it } from "vitest";
import { type OriginFacts, crossSiteProblem } from "./same-origin";

const URL_ = "https://deploy.example.com";
const req = (f: Partial<OriginFacts>): OriginFacts => ({ method: "POST", origin: null, secFetchSite: null, host: "deploy.example.com", ...f });

describe("same-origin check for state changes", () => {
  it.each<[string, Partial<OriginFacts>, string | null, boolean]>([
    ["GET from anywhere", { method: "GET", origin: "https://evil.example" }, URL_, true],
    ["POST from the public origin", { origin: "https://deploy.example.com" }, URL_, true],
    ["POST from the request's own host", { origin: "http://10.0.0.5:3000", host: "10.0.0.5:3000" }, null, true],
    ["POST from a foreign origin", { origin: "https://evil.example" }, URL_, false],
    ["POST from a sibling port", { origin: "https://deploy.example.com:8443" }, URL_, false],
    ["POST with Origin: null (sandboxed frame)", { origin: "null" }, URL_, false],
    ["DELETE cross-site by Sec-Fetch-Site", { method: "DELETE", secFetchSite: "cross-site" }, URL_, false],
    ["PATCH same-site (a sibling subdomain)", { method: "PATCH", secFetchSite: "same-site" }, URL_, false],
    ["POST same-origin by Sec-Fetch-Site", { secFetchSite: "same-origin" }, URL_, true],
    ["POST typed into the address bar (none)", { secFetchSite: "none" }, URL_, true],
    ["POST without browser headers (curl)", {}, URL_, true],
  ])("%s", (_, facts, publicUrl, allowed) => {
    expect(crossSiteProblem(req(facts), publicUrl) === null).toBe(allowed);
  });
});
