import { describe, expect, it } from "vitest";
import { routeTemplate } from "./route-template";

describe("routeTemplate", () => {
  it("names the path parameters instead of their values", () => {
    expect(routeTemplate("/api/tasks/abc/records/def", { taskId: "abc", recordId: "def" })).toBe("/api/tasks/[taskId]/records/[recordId]");
    expect(routeTemplate("/api/apps", {})).toBe("/api/apps");
    expect(routeTemplate("/api/apps", undefined)).toBe("/api/apps");
  });

  it("folds a catch-all's segments, however many, into one", () => {
    expect(routeTemplate("/api/no/such/route", { path: ["no", "such", "route"] })).toBe("/api/[...path]");
    expect(routeTemplate("/api/x", { path: ["x"] })).toBe("/api/[...path]");
  });

  it("matches percent-encoded segments by their decoded value", () => {
    expect(routeTemplate("/api/admin/teams/%E6%94%AF%E4%BB%98", { name: "支付" })).toBe("/api/admin/teams/[name]");
  });

  it("leaves a segment that is no parameter's value as it is, and never fails on a bad escape", () => {
    expect(routeTemplate("/api/tokens/%E0%A4%A/x", { id: "x" })).toBe("/api/tokens/%E0%A4%A/[id]");
  });
});
