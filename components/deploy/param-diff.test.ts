import { describe, expect, it } from "vitest";
import { diffParams } from "@/components/deploy/param-diff";

describe("diffParams", () => {
  const previous = [
    { name: "port", type: "text", value: "8080", secret: false },
    { name: "pwd", type: "encrypt", value: null, secret: true },
    { name: "old", type: "text", value: "x", secret: false },
  ];

  it.each([
    ["unchanged rows report nothing", [{ key: "port", type: "text" as const, value: "8080" }], ["removed:pwd", "removed:old"]],
    ["a changed value", [{ key: "port", type: "text" as const, value: "9090" }], ["changed:port", "removed:pwd", "removed:old"]],
    ["a new key", [{ key: "new", type: "text" as const, value: "1" }], ["added:new", "removed:port", "removed:pwd", "removed:old"]],
    ["a secret is never compared", [{ key: "pwd", type: "encrypt" as const, value: "s3cret" }], ["removed:port", "removed:old"]],
  ])("%s", (_, rows, expected) => {
    expect(diffParams(rows, previous).map((c) => `${c.kind}:${c.key}`)).toEqual(expected);
  });

  it("never carries a secret value", () => {
    const changes = diffParams([{ key: "token", type: "encrypt", value: "s3cret" }], []);
    expect(changes).toEqual([{ key: "token", kind: "added", before: null, after: null, secret: true }]);
  });
});
