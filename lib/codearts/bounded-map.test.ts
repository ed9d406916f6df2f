import { describe, expect, it } from "vitest";
import { remember } from "./bounded-map";

describe("remember", () => {
  it("makes the key the newest and drops the oldest past the cap", () => {
    const m = new Map<string, number>();
    for (const [k, v] of [
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ] as const)
      remember(m, k, v, 3);
    remember(m, "a", 10, 3); // a is now the newest
    remember(m, "d", 4, 3); // b, the oldest, goes
    expect([...m.entries()]).toEqual([
      ["c", 3],
      ["a", 10],
      ["d", 4],
    ]);
  });
});
